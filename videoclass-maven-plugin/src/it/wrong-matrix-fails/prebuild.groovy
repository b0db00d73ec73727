// the clone of the project may lose the execute bit of the wrapper
new File(basedir, 'wrong-matrix-ffmpeg.sh').setExecutable(true)
return true
