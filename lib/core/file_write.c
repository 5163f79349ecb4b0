/* Replacing a file the safe way, the one implementation every file the library (and through
 * it the tool) writes goes through: the bytes go to a new temporary file in the destination's
 * directory (O_EXCL | O_NOFOLLOW: nothing already there is reused or followed), are flushed
 * (fsync), and the temporary file is renamed over the destination, then the directory is
 * flushed. A reader sees the old file or the whole new one, never a truncated mix; a failed
 * write leaves the old file as it was and no temporary file behind; a symlink at the
 * destination is replaced itself, never written through (its target is untouched). */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int ltv__write_all(int fd, const void *data, size_t len) {
    const char *p = data;
    while (len > 0) {
        const size_t chunk = len > ((size_t)1 << 30) ? (size_t)1 << 30 : len;
        const ssize_t done = write(fd, p, chunk);
        if (done < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += done;
        len -= (size_t)done;
    }
    return 0;
}

/* The directory part of path ("." if none) and the file name part. */
static void split_path(const char *path, char *dir, size_t dir_size, const char **base) {
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, dir_size, ".");
        *base = path;
    } else if (slash == path) {
        snprintf(dir, dir_size, "/");
        *base = slash + 1;
    } else {
        snprintf(dir, dir_size, "%.*s", (int)(slash - path), path);
        *base = slash + 1;
    }
}

int ltv__file_replace(const char *func, const char *path, ltv__file_writer writer, void *ctx) {
    char dir[4096];
    const char *base;
    if (strlen(path) > sizeof dir - 64) return ltv__fail(LTV_EINVAL, "%s: the path is too long", func);
    split_path(path, dir, sizeof dir, &base);
    if (!*base) return ltv__fail(LTV_EINVAL, "%s: '%s' names a directory, not a file", func, path);
    struct stat old;
    if (stat(path, &old) == 0 && S_ISDIR(old.st_mode))
        return ltv__fail(LTV_EIO, "%s: cannot write '%s': it is a directory", func, path);

    static _Atomic unsigned counter;
    char tmp[4200];
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        snprintf(tmp, sizeof tmp, "%s/.%s.tmp-%ld-%u", dir, base, (long)getpid(), counter++);
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0)
        return ltv__fail(LTV_EIO, "%s: cannot open '%s' for writing (a temporary file in '%s': %s)", func, path, dir,
                         strerror(errno));
    /* A file replaced keeps its permissions (a symlink is not a file: the new one gets the
     * default permissions). */
    struct stat current;
    if (lstat(path, &current) == 0 && S_ISREG(current.st_mode)) (void)fchmod(fd, current.st_mode & 07777);
    const char *step = "write";
    int failed = writer(fd, ctx);
    if (!failed) {
        step = "fsync";
        failed = fsync(fd);
    }
    const int saved_errno = errno;
    if (close(fd) != 0 && !failed) {
        step = "close";
        failed = -1;
    } else {
        errno = saved_errno;
    }
    if (!failed) {
        step = "rename";
        failed = rename(tmp, path);
    }
    if (failed) {
        const int err = errno;
        unlink(tmp);
        return ltv__fail(LTV_EIO, "%s: cannot write '%s' (%s): %s; the file is unchanged", func, path, step,
                         strerror(err));
    }
    /* The rename is durable once the directory is flushed; some file systems refuse fsync
     * on a directory, which changes nothing about the file's contents. */
    const int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        if (fsync(dfd) != 0 && errno != EINVAL && errno != EROFS) {
            const int err = errno;
            close(dfd);
            return ltv__fail(LTV_EIO, "%s: wrote '%s' but cannot flush its directory: %s", func, path, strerror(err));
        }
        close(dfd);
    }
    return LTV_OK;
}

typedef struct bytes_ctx {
    const void *data;
    size_t len;
} bytes_ctx;

static int write_bytes(int fd, void *ctx) {
    const bytes_ctx *b = ctx;
    return ltv__write_all(fd, b->data, b->len);
}

int ltv__file_replace_bytes(const char *func, const char *path, const void *data, size_t len) {
    bytes_ctx ctx = {data, len};
    return ltv__file_replace(func, path, write_bytes, &ctx);
}
