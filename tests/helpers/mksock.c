/*
 * mksock.c: make a UNIX socket file at PATH and leave it there, for the
 * hostile-input tests (a corpus folder holding a socket).  Debian's base
 * image has no tool that does only this.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un a;
	if (argc != 2 || strlen(argv[1]) >= sizeof a.sun_path) {
		fprintf(stderr, "usage: mksock PATH (shorter than %zu bytes)\n", sizeof a.sun_path);
		return 2;
	}
	memset(&a, 0, sizeof a);
	a.sun_family = AF_UNIX;
	strcpy(a.sun_path, argv[1]);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		perror(argv[1]);
		return 1;
	}
	close(fd);  /* the socket file stays */
	return 0;
}
