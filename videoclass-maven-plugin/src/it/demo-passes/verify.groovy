def report = new File(basedir, 'target/videoclass/calibration.json')
assert report.isFile()
def json = new groovy.json.JsonSlurper().parse(report)
assert json.passed == true
assert json.max_score_delta < 0.02
assert json.pixel_parity.size() == 4 * 2
assert new File(basedir, 'target/videoclass/calibration.md').text.contains('PASSED')
assert new File(basedir, 'target/videoclass/parity.svg').text.startsWith('<svg')
def log = new File(basedir, 'build.log').text
assert log.contains('videoclass:calibrate: max |Δscore|')
assert log.contains('BUILD SUCCESS')
return true
