def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/videoclass/calibration.json'))
assert json.passed == false
assert json.max_score_delta > 0.02
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /pixel parity: [a-z-]+\.png as (h264-bt709|hevc-bt601): label '[a-z]+' \|Δscore\| [0-9.]+ > tolerance 0\.0200/
return true
