/* gen_io.c - key loading with --passin, PEM output, atomic files, and request summaries for
 * the diff that `csrlint fix` prints. */
#define _DEFAULT_SOURCE                 /* explicit_bzero, mkstemp */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <nettle/base64.h>

#include "gen_io.h"
#include "input.h"
#include "inspect_util.h"

/* Strips the line end; returns the length. */
static int chomp(char *buf, size_t n)
{
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return (int)n;
}

/* Reads one line from /dev/tty without echo. */
static int prompt(char *buf, size_t size, struct csrl_error *err)
{
	struct termios old, quiet;
	FILE *tty = fopen("/dev/tty", "r+");
	int n = -1;

	if (!tty) {
		csrl_error_set(err, CSRL_ERR_USAGE, 0, "the private key is encrypted and there is "
			       "no terminal to ask on: give --passin file:PATH or env:VAR");
		return -1;
	}
	fputs("Passphrase for the private key: ", tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)size, tty))
		n = chomp(buf, strlen(buf));
	tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (n < 0)
		csrl_error_set(err, CSRL_ERR_USAGE, 0, "no passphrase was entered");
	return n;
}

static int passphrase(void *ctx, char *buf, size_t size, struct csrl_error *err)
{
	const char *spec = ctx;
	uint8_t *file;
	size_t len, n;
	const char *v;

	if (!spec)
		return prompt(buf, size, err);
	if (strncmp(spec, "env:", 4) == 0) {
		if (!(v = getenv(spec + 4)) || strlen(v) >= size) {
			csrl_error_set(err, CSRL_ERR_USAGE, 0, "--passin %s: the variable is not set "
				       "or too long", spec);
			return -1;
		}
		memcpy(buf, v, strlen(v));
		return (int)strlen(v);
	}
	if (strncmp(spec, "file:", 5) != 0) {
		csrl_error_set(err, CSRL_ERR_USAGE, 0, "--passin takes file:PATH or env:VAR (never "
			       "the passphrase itself)");
		return -1;
	}
	if (csrl_input_read(spec + 5, &file, &len, err) != CSRL_ERR_OK)
		return -1;
	for (n = 0; n < len && n + 1 < size && file[n] != '\n' && file[n] != '\r'; n++)
		buf[n] = (char)file[n];
	explicit_bzero(file, len);
	free(file);
	return (int)n;
}

int csrl_gen_load_key(const char *path, const char *passin, struct csrl_privkey **key,
		      struct csrl_error *err)
{
	struct stat st;
	uint8_t *buf;
	size_t len;
	int rc;

	if ((rc = csrl_input_read(path, &buf, &len, err)) != CSRL_ERR_OK)
		return rc;
	if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && (st.st_mode & 077))
		fprintf(stderr, "csrlint: warning: the private key %s is readable by %s; "
			"chmod 600 it\n", path, st.st_mode & 007 ? "others" : "its group");
	rc = csrl_privkey_read(buf, len, passphrase, (void *)passin, key, err);
	explicit_bzero(buf, len);
	free(buf);
	return rc;
}

char *csrl_gen_pem(const char *label, const uint8_t *der, size_t len)
{
	size_t b64 = BASE64_ENCODE_RAW_LENGTH(len), i, n = 0;
	char *raw = malloc(b64 + 1), *out = malloc(b64 + b64 / 64 + 2 * strlen(label) + 64);

	if (!raw || !out) {
		free(raw);
		free(out);
		return NULL;
	}
	base64_encode_raw(raw, len, der);
	n += (size_t)sprintf(out, "-----BEGIN %s-----\n", label);
	for (i = 0; i < b64; i += 64) {
		size_t k = b64 - i < 64 ? b64 - i : 64;

		memcpy(out + n, raw + i, k);
		n += k;
		out[n++] = '\n';
	}
	sprintf(out + n, "-----END %s-----\n", label);
	free(raw);
	return out;
}

int csrl_gen_write_file(const char *path, const void *data, size_t len, unsigned mode,
			int excl, struct csrl_error *err)
{
	char *dir = strdup(path), *tmp = malloc(strlen(path) + 32);
	int fd = -1, rc = CSRL_ERR_OK;

	if (strcmp(path, "-") == 0) {
		free(dir);
		free(tmp);
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return csrl_error_set(err, CSRL_ERR_IO, 0, "cannot write to standard output");
		return CSRL_ERR_OK;
	}
	if (!dir || !tmp) {
		rc = csrl_error_set(err, CSRL_ERR_NOMEM, 0, "out of memory");
		goto done;
	}
	if (excl && access(path, F_OK) == 0) {
		rc = csrl_error_set(err, CSRL_ERR_IO, 0, "%s exists; not overwriting it", path);
		goto done;
	}
	sprintf(tmp, "%s/.csrlint-XXXXXX", dirname(dir));
	if ((fd = mkstemp(tmp)) < 0 || fchmod(fd, (mode_t)mode) != 0 ||
	    write(fd, data, len) != (ssize_t)len || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		rc = csrl_error_set(err, CSRL_ERR_IO, 0, "cannot write %s: %s", path,
				    strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
	}
done:
	free(dir);
	free(tmp);
	return rc;
}
