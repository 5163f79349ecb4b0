/* Every file the library writes (matrix, planner text, snapshot) replaces its destination
 * through one writer (lib/core/file_write.c): never through a symlink, and a failed write
 * leaves the old file whole and no temporary file behind. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ltvcrm/ltvcrm.h>

static char dir[64];

static void make_dir(void) {
    snprintf(dir, sizeof dir, "/tmp/ltvcrm-files-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
}

static void put(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static char *get(const char *path) {
    static char buf[1 << 16];
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

static int entries(void) {
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))) n++;
    closedir(d);
    return n;
}

static void remove_dir(void) {
    DIR *d = opendir(dir);
    char path[512];
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* The three writers, each saving something of a few hundred bytes or more to `path`. */
static int save_matrix(const char *path) {
    ltv_matrix *m = NULL;
    cr_assert_eq(ltv_matrix_new_template(&m, LTV_LANG_EN), LTV_OK);
    int status = ltv_matrix_save_file(m, LTV_MATRIX_FORMAT_JSON, path);
    ltv_matrix_free(m);
    return status;
}
static int save_planner(const char *path) {
    ltv_planner *p = NULL;
    cr_assert_eq(ltv_planner_new_default(&p, LTV_LANG_EN), LTV_OK);
    int status = ltv_planner_save(p, path);
    ltv_planner_free(p);
    return status;
}
static int save_snapshot(const char *path) {
    ltv_ledger *l = NULL;
    cr_assert_eq(ltv_ledger_new(&l), LTV_OK);
    cr_assert_eq(ltv_ledger_add_order(l, "A", 1, 20000, 1000, 1), LTV_OK);
    int status = ltv_ledger_save(l, path);
    ltv_ledger_free(l);
    return status;
}
typedef int (*saver)(const char *path);
static const saver savers[] = {save_matrix, save_planner, save_snapshot};
static const char *const names[] = {"matrix", "planner", "snapshot"};

Test(file_write, a_symlink_is_replaced_never_written_through) {
    for (size_t i = 0; i < 3; i++) {
        make_dir();
        char victim[512], link[512];
        snprintf(victim, sizeof victim, "%s/victim", dir);
        snprintf(link, sizeof link, "%s/link", dir);
        put(victim, "precious\n");
        cr_assert_eq(symlink(victim, link), 0);
        cr_assert_eq(savers[i](link), LTV_OK, "%s: %s", names[i], ltv_last_error());
        cr_assert_str_eq(get(victim), "precious\n", "%s wrote through the symlink", names[i]);
        struct stat st;
        cr_assert_eq(lstat(link, &st), 0);
        cr_assert(S_ISREG(st.st_mode), "%s: the link should now be the saved file", names[i]);
        cr_assert_gt(st.st_size, 10);
        cr_assert_eq(entries(), 2, "%s left a temporary file", names[i]);
        remove_dir();
    }
}

/* A write that fails half-way (here: the file size limit, EFBIG) leaves the old file as it was. */
Test(file_write, a_failed_write_leaves_the_old_file_whole) {
    signal(SIGXFSZ, SIG_IGN);
    for (size_t i = 0; i < 3; i++) {
        make_dir();
        char path[512];
        snprintf(path, sizeof path, "%s/saved", dir);
        put(path, "the old contents\n");
        struct rlimit small = {64, 64}, saved;
        getrlimit(RLIMIT_FSIZE, &saved);
        small.rlim_max = saved.rlim_max;
        cr_assert_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
        int status = savers[i](path);
        cr_assert_eq(setrlimit(RLIMIT_FSIZE, &saved), 0);
        cr_assert_eq(status, LTV_EIO, "%s: %s", names[i], ltv_status_name(status));
        cr_assert_not_null(strstr(ltv_last_error(), "unchanged"), "%s", ltv_last_error());
        cr_assert_str_eq(get(path), "the old contents\n", "%s truncated the old file", names[i]);
        cr_assert_eq(entries(), 1, "%s left a temporary file", names[i]);
        remove_dir();
    }
}

Test(file_write, a_saved_file_keeps_the_permissions_of_the_one_it_replaces) {
    make_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/plan.json", dir);
    put(path, "old");
    cr_assert_eq(chmod(path, 0600), 0);
    cr_assert_eq(save_matrix(path), LTV_OK, "%s", ltv_last_error());
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600);
    cr_assert_not_null(strstr(get(path), "ltvcrm-matrix"));
    remove_dir();
}

Test(file_write, a_directory_or_a_missing_directory_is_refused) {
    cr_assert_eq(save_matrix("/tmp"), LTV_EIO);
    cr_assert_eq(save_matrix("/tmp/"), LTV_EINVAL);
    cr_assert_eq(save_planner("/nonexistent-ltvcrm-dir/plan.txt"), LTV_EIO);
    cr_assert_not_null(strstr(ltv_last_error(), "nonexistent-ltvcrm-dir"));
}
