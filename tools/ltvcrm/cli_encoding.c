/* --output-encoding: results in the encoding a spreadsheet opens correctly. UTF-8 with a
 * byte order mark is what Excel needs to read UTF-8 CSV; CP932 is what older Japanese Excel
 * and many back-office tools expect. CP932 output is written to a temporary file first and
 * converted when the command ends, so a character CP932 cannot hold stops the output with
 * a message (exit 1) rather than being dropped or replaced. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static FILE *captured;  /* the temporary file stdout writes to, for CP932 */
static int real_stdout = -1;

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

int cli_output_encoding(const char *command, int which) {
    if (which == CLI_OUTPUT_UTF8) return CLI_EXIT_OK;
    fflush(stdout);
    if (which == CLI_OUTPUT_UTF8_BOM) {
        if (captured == NULL && fputs("\xEF\xBB\xBF", stdout) < 0) return CLI_EXIT_FAILURE;
        return CLI_EXIT_OK;
    }
    if (captured) return CLI_EXIT_OK;
    captured = tmpfile();
    real_stdout = dup(STDOUT_FILENO);
    if (!captured || real_stdout < 0 || dup2(fileno(captured), STDOUT_FILENO) < 0) {
        fprintf(stderr, "ltvcrm %s: --output-encoding: cannot make a temporary file: %s\n", command, strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}

int cli_output_finish(int code) {
    if (!captured) return code;
    fflush(stdout);
    dup2(real_stdout, STDOUT_FILENO);
    close(real_stdout);
    rewind(captured);
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == (iconv_t)-1) {
        fprintf(stderr, "ltvcrm: --output-encoding cp932: this system's iconv cannot write CP932\n");
        fclose(captured);
        return CLI_EXIT_FAILURE;
    }
    char in[1 << 16], out[1 << 17];
    size_t kept = 0, line = 1;
    int result = code;
    for (;;) {
        size_t got = fread(in + kept, 1, sizeof in - kept, captured);
        size_t left = kept + got;
        if (left == 0) break;
        char *p = in, *o = out;
        size_t out_left = sizeof out;
        size_t rc = iconv(cd, &p, &left, &o, &out_left);
        for (const char *q = in; q < p; q++) line += *q == '\n';
        if (!write_all(STDOUT_FILENO, out, sizeof out - out_left)) {
            result = CLI_EXIT_FAILURE;
            break;
        }
        if (rc == (size_t)-1 && errno == EILSEQ) {
            int n = 1;
            while (n < 4 && (size_t)n < left && ((unsigned char)p[n] & 0xC0) == 0x80) n++;
            fprintf(stderr, "ltvcrm: --output-encoding cp932: line %zu of the output has '%.*s', which CP932 cannot "
                    "hold; the output stops there (use --output-encoding utf-8-bom)\n", line, n, p);
            result = CLI_EXIT_FAILURE;
            break;
        }
        memmove(in, p, left); /* an unfinished character, or what did not fit */
        kept = left;
        if (got == 0) {
            if (kept) {
                fprintf(stderr, "ltvcrm: --output-encoding cp932: the output ends inside a character\n");
                result = CLI_EXIT_FAILURE;
            }
            break;
        }
    }
    iconv_close(cd);
    fclose(captured);
    captured = NULL;
    return result;
}
