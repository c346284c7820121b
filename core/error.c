/* error.c - operational error codes, their names and messages, and the detail record. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "csrlint.h"

static const char *const messages[] = {
#define CSRL_ERR(name, msg) msg,
#include "errors.def"
#undef CSRL_ERR
};

static const char *const names[] = {
#define CSRL_ERR(name, msg) #name,
#include "errors.def"
#undef CSRL_ERR
};

const char *csrl_strerror(int code)
{
	if (code < 0 || code >= CSRL_ERR_COUNT)
		return "unknown error";
	return messages[code];
}

const char *csrl_errname(int code)
{
	if (code < 0 || code >= CSRL_ERR_COUNT)
		return "UNKNOWN";
	return names[code];
}

int csrl_error_set(struct csrl_error *err, int code, size_t offset, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	err->offset = offset;
	err->line = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}

const char *csrl_version(void)
{
	return CSRL_VERSION_STRING;
}
