def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/videoclass/calibration.json'))
assert json.scorer.id == 'it-custom-scorer-v1'
assert json.scorer.provider == 'java'
assert new File(basedir, 'target/videoclass/calibration.md').text.contains('`it-custom-scorer-v1` (java)')
def log = new File(basedir, 'build.log').text
assert log.contains('videoclass:calibrate: scorer it-custom-scorer-v1 (java) from scorerFactory dev.videoclass.it.scorer.CustomScorers')
assert log.contains('[it] it-custom-scorer-v1 closed')
assert log.contains('BUILD SUCCESS')
return true
