package deploytests.images;

/** One program the repository makes a container start: where it says so, the container's upstream image, the program. */
record Call(String where, String image, String program) {
}
