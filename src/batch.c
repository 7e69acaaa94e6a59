/* Batch compilation (--lot): one template, checked once, and many
 * clients' records, from a JSONL file or a folder of JSON files. */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "source.h"
#include "suggest.h"
#include "util.h"

#define BATCH_MAX_BYTES	(512u * 1024 * 1024)

struct record {
	char	*display;	/* "clients.jsonl:12" or the file's path */
	char	*text;
	size_t	 len;
	char	*output;	/* path of the contract to write */
};

struct records {
	struct record	*v;
	size_t		 len;
	size_t		 cap;
};

static struct record *
records_push(struct records *rs)
{
	if (rs->len == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 64;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	memset(&rs->v[rs->len], 0, sizeof(rs->v[0]));
	return &rs->v[rs->len++];
}

static void
records_free(struct records *rs)
{
	size_t i;

	for (i = 0; i < rs->len; i++) {
		free(rs->v[i].display);
		free(rs->v[i].text);
		free(rs->v[i].output);
	}
	free(rs->v);
}

static bool
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* One record a line; blank lines are skipped but keep the numbering of
 * the file, so that messages name the line a person would open. */
static bool
read_jsonl(const char *path, struct records *rs)
{
	size_t len, start, i, line = 1;
	char *text = read_file(path, BATCH_MAX_BYTES, &len);

	if (text == NULL) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", path, strerror(errno));
		return false;
	}
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && text[i] != '\n')
			continue;
		if (!blank_line(text + start, i - start)) {
			struct record *r = records_push(rs);

			r->display = xasprintf("%s:%zu", path, line);
			r->text = xstrndup(text + start, i - start);
			r->len = i - start;
		}
		line++;
		start = i + 1;
	}
	free(text);
	return true;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
read_folder(const char *dir, struct records *rs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct ptrvec names = { NULL, 0, 0 };
	size_t i;
	bool ok = true;

	if (d == NULL) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", dir, strerror(errno));
		return false;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 &&
		    e->d_name[0] != '.')
			ptrvec_push(&names, xstrdup(e->d_name));
	}
	closedir(d);
	if (names.len > 0)
		qsort(names.items, names.len, sizeof(char *), compare_names);
	for (i = 0; i < names.len; i++) {
		char *path = xasprintf("%s/%s", dir, (char *)names.items[i]);
		size_t len;
		char *text = read_file(path, BATCH_MAX_BYTES, &len);

		if (text == NULL) {
			fprintf(stderr, "lgc: erreur: %s : %s\n", path,
			    strerror(errno));
			free(path);
			ok = false;
			continue;
		}
		struct record *r = records_push(rs);

		r->display = path;
		r->text = text;
		r->len = len;
		free(names.items[i]);
	}
	for (; i < names.len; i++)
		free(names.items[i]);
	ptrvec_free(&names);
	return ok;
}

/* A file name from a field's value: letters folded to ASCII, anything
 * else a dash, never a path. */
static char *
safe_name(const char *value)
{
	char *folded = fold_word(value), *p;
	struct buf b;
	bool dash = false;

	buf_init(&b);
	for (p = folded; *p != '\0'; p++) {
		char ch = *p;
		bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    ch == '_' || ch == '.';

		if (keep && !(ch == '.' && b.len == 0)) {
			buf_putc(&b, ch);
			dash = false;
		} else if (!dash && b.len > 0) {
			buf_putc(&b, '-');
			dash = true;
		}
	}
	while (b.len > 0 && (b.data[b.len - 1] == '-' || b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	free(folded);
	return buf_detach(&b);
}

static char *
field_name(const struct record *r, const char *field)
{
	json_t *root = json_loadb(r->text, r->len, 0, NULL), *v;
	char *name = NULL;

	if (root == NULL)
		return NULL;
	v = json_object_get(root, field);
	if (json_is_string(v))
		name = safe_name(json_string_value(v));
	else if (json_is_integer(v))
		name = xasprintf("%lld", (long long)json_integer_value(v));
	json_decref(root);
	if (name != NULL && *name == '\0') {
		free(name);
		name = NULL;
	}
	return name;
}

static bool
name_taken(const struct records *rs, size_t upto, const char *path)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(rs->v[i].output, path) == 0)
			return true;
	return false;
}

/* Output paths, decided before any work so that parallel workers never
 * race for a name: the --nom field, else the record's number. */
static void
name_outputs(struct records *rs, const struct batch_options *o)
{
	size_t i, width = 4;
	char digits[32];

	snprintf(digits, sizeof(digits), "%zu", rs->len);
	if (strlen(digits) > width)
		width = strlen(digits);
	for (i = 0; i < rs->len; i++) {
		char *base = o->name_field != NULL ?
		    field_name(&rs->v[i], o->name_field) : NULL;
		char *path;
		int n = 2;

		if (base == NULL)
			base = xasprintf("%0*zu", (int)width, i + 1);
		path = xasprintf("%s/%s%s", o->outdir, base, o->extension);
		while (name_taken(rs, i, path)) {
			free(path);
			path = xasprintf("%s/%s-%d%s", o->outdir, base, n++,
			    o->extension);
		}
		rs->v[i].output = path;
		free(base);
	}
}

/* Compiles one record; its diagnostics go where the compiler's go. */
static int
run_record(lgc_compiler *c, const struct record *r,
    const struct batch_options *o)
{
	char *out = NULL;
	size_t len = 0, i;
	int status, err;

	lgc_reset_data(c);
	status = lgc_load_data_string(c, r->display, r->text, r->len);
	for (i = 0; i < o->ndefines && status == LGC_OK; i++)
		status = lgc_define(c, o->defines[i]);
	if (status != LGC_OK)
		return status;
	status = lgc_render(c, o->format, &out, &len);
	if (status == LGC_OK && out != NULL &&
	    (err = write_file_atomic(r->output, out, len)) != 0) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", r->output,
		    strerror(err));
		status = LGC_FATAL;
	}
	free(out);
	return status;
}

static void
progress(const struct batch_options *o, size_t done, size_t total)
{
	int width = 30, filled;

	if (!o->progress || total < 50)
		return;
	filled = (int)(done * (size_t)width / total);
	fprintf(stderr, "\r  %*zu/%zu [%.*s%*s] %3zu %%", (int)strlen("000000"),
	    done, total, filled, "##############################",
	    width - filled, "", done * 100 / total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Worker K of N compiles records K, K + N, …, and reports "index
 * status" lines on FD. */
static void
worker(lgc_compiler *c, const struct records *rs,
    const struct batch_options *o, size_t k, size_t n, int fd)
{
	size_t i;
	char line[64];

	for (i = k; i < rs->len; i += n) {
		int status = run_record(c, &rs->v[i], o);
		int len = snprintf(line, sizeof(line), "%zu %d\n", i, status);

		if (write(fd, line, (size_t)len) != len)
			break;
	}
}

static bool
parse_result(const char *line, size_t *index, int *status)
{
	unsigned long long i;
	int s;

	if (sscanf(line, "%llu %d", &i, &s) != 2)
		return false;
	*index = (size_t)i;
	*status = s;
	return true;
}

static void
run_parallel(lgc_compiler *c, const struct records *rs,
    const struct batch_options *o, int *statuses)
{
	size_t n = (size_t)o->jobs, k, done = 0;
	int fds[2];
	pid_t *pids = xcalloc(n, sizeof(*pids));
	FILE *results;
	char line[128];

	if (pipe(fds) != 0) {
		fprintf(stderr, "lgc: erreur: pipe : %s\n", strerror(errno));
		free(pids);
		return;
	}
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			close(fds[0]);
			worker(c, rs, o, k, n, fds[1]);
			close(fds[1]);
			fflush(stderr);
			_exit(0);
		}
		if (pids[k] < 0)
			fprintf(stderr, "lgc: erreur: fork : %s\n",
			    strerror(errno));
	}
	close(fds[1]);
	results = fdopen(fds[0], "r");
	while (results != NULL && fgets(line, sizeof(line), results) != NULL) {
		size_t i;
		int status;

		if (parse_result(line, &i, &status) && i < rs->len) {
			statuses[i] = status;
			progress(o, ++done, rs->len);
		}
	}
	if (results != NULL)
		fclose(results);
	for (k = 0; k < n; k++)
		if (pids[k] > 0)
			waitpid(pids[k], NULL, 0);
	free(pids);
}

int
batch_run(lgc_compiler *c, const struct batch_options *o)
{
	struct records rs = { NULL, 0, 0 };
	struct stat st;
	int *statuses, worst = LGC_OK;
	size_t i, failed = 0, written = 0;
	bool read_ok;

	if (stat(o->input, &st) != 0) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", o->input,
		    strerror(errno));
		return LGC_FATAL;
	}
	read_ok = S_ISDIR(st.st_mode) ? read_folder(o->input, &rs) :
	    read_jsonl(o->input, &rs);
	if (!read_ok && rs.len == 0) {
		records_free(&rs);
		return LGC_FATAL;
	}
	if (mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", o->outdir,
		    strerror(errno));
		records_free(&rs);
		return LGC_FATAL;
	}
	name_outputs(&rs, o);
	statuses = xcalloc(rs.len + 1, sizeof(int));
	for (i = 0; i < rs.len; i++)
		statuses[i] = -1;
	if (o->jobs > 1 && rs.len > 1)
		run_parallel(c, &rs, o, statuses);
	else
		for (i = 0; i < rs.len; i++) {
			statuses[i] = run_record(c, &rs.v[i], o);
			progress(o, i + 1, rs.len);
		}
	for (i = 0; i < rs.len; i++) {
		int s = statuses[i] < 0 ? LGC_FATAL : statuses[i];

		if (s == LGC_OK)
			written++;
		else
			failed++;
		if (s > worst)
			worst = s;
	}
	fprintf(stderr, "lgc: lot : %zu contrat%s écrit%s dans %s", written,
	    written > 1 ? "s" : "", written > 1 ? "s" : "", o->outdir);
	if (failed > 0) {
		size_t shown = 0;

		fprintf(stderr, ", %zu en erreur :", failed);
		for (i = 0; i < rs.len && shown < 10; i++)
			if (statuses[i] != LGC_OK) {
				fprintf(stderr, "%s %s", shown ? "," : "",
				    rs.v[i].display);
				shown++;
			}
		if (failed > shown)
			fputs(", …", stderr);
	}
	fputc('\n', stderr);
	if (!read_ok && worst < LGC_FATAL)
		worst = LGC_FATAL;
	free(statuses);
	records_free(&rs);
	return worst;
}
