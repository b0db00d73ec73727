def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/videoclass/calibration.json'))
assert json.passed == false
assert json.tolerances.max_score_delta == 0
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD FAILURE')
assert log =~ /pixel parity: red-card\.png as h264-bt709: label '[a-z]+' \|Δscore\| [0-9.]+ > tolerance 0\.0000/
return true
