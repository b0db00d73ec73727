def log = new File(basedir, 'build.log').text
assert log.contains('videoclass:calibrate')
assert log.contains('scorerFactory')
assert log.contains('User property: videoclass.scorerFactory')
assert log.contains('BUILD SUCCESS')
return true
