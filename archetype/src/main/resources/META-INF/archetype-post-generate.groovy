// Archetype resources do not keep file modes: make the Maven wrapper script executable again, so
// that `./mvnw verify` works in the new project as the README says.
def project = new File(request.outputDirectory, request.artifactId)
def mvnw = new File(project, 'mvnw')
if (mvnw.isFile() && !mvnw.setExecutable(true, false)) {
  println "Could not make ${mvnw} executable: run `chmod +x mvnw` in the new project."
}
