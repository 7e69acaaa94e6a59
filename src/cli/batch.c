/* Batch compilation (--lot): one template, checked once, and many
 * clients' records, from a JSONL file or a folder of JSON files.
 * Records are read as a stream, never all at once, so that memory stays
 * flat however long the batch is. */
#include "cli/batch.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/source.h"
#include "base/suggest.h"
#include "base/util.h"

#define RECORD_MAX_BYTES	(16u * 1024 * 1024)

/* Where records come from: the lines of a JSONL file, or the sorted
 * .json files of a folder. */
struct reader {
	const char	*input;
	FILE		*jsonl;
	char		*line;
	size_t		 cap;
	size_t		 lineno;
	struct ptrvec	 files;		/* char *, folder mode */
	size_t		 next;
};

struct record {
	size_t	 index;		/* 0-based among records */
	size_t	 lineno;	/* JSONL line, or 0 */
	char	*display;	/* "clients.jsonl:12" or the file's path */
	char	*text;
	size_t	 len;
};

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
reader_open(struct reader *r, const char *input)
{
	struct stat st;
	DIR *d;
	struct dirent *e;

	memset(r, 0, sizeof(*r));
	r->input = input;
	if (stat(input, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode))
		return (r->jsonl = fopen(input, "rb")) != NULL;
	if ((d = opendir(input)) == NULL)
		return false;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 &&
		    e->d_name[0] != '.')
			ptrvec_push(&r->files, xstrdup(e->d_name));
	}
	closedir(d);
	if (r->files.len > 0)
		qsort(r->files.items, r->files.len, sizeof(char *),
		    compare_names);
	return true;
}

static void
reader_close(struct reader *r)
{
	size_t i;

	if (r->jsonl != NULL)
		fclose(r->jsonl);
	free(r->line);
	for (i = 0; i < r->files.len; i++)
		free(r->files.items[i]);
	ptrvec_free(&r->files);
}

static bool
blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static void
record_clear(struct record *rec)
{
	free(rec->display);
	free(rec->text);
	rec->display = rec->text = NULL;
}

/* The next record into REC (its previous content freed); false at the
 * end.  WANT_TEXT false skips reading a folder's files. */
static bool
reader_next(struct reader *r, struct record *rec, size_t index,
    bool want_text)
{
	record_clear(rec);
	rec->index = index;
	if (r->jsonl != NULL) {
		ssize_t n;

		/* Blank lines are skipped but counted, so that messages name
		 * the line a person would open. */
		while ((n = getline(&r->line, &r->cap, r->jsonl)) >= 0) {
			r->lineno++;
			if (blank_line(r->line, (size_t)n))
				continue;
			rec->lineno = r->lineno;
			rec->display = xasprintf("%s:%zu", r->input, r->lineno);
			rec->text = xstrndup(r->line, (size_t)n);
			rec->len = (size_t)n;
			return true;
		}
		return false;
	}
	if (r->next >= r->files.len)
		return false;
	rec->display = xasprintf("%s/%s", r->input,
	    (char *)r->files.items[r->next++]);
	rec->lineno = 0;
	if (want_text) {
		rec->text = read_file(rec->display, RECORD_MAX_BYTES, &rec->len);
		if (rec->text == NULL)
			rec->len = 0;
	}
	return true;
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
	while (b.len > 0 && (b.data[b.len - 1] == '-' ||
	    b.data[b.len - 1] == '.'))
		b.data[--b.len] = '\0';
	free(folded);
	return buf_detach(&b);
}

static char *
field_name(const struct record *rec, const char *field)
{
	json_t *root, *v;
	char *name = NULL;

	if (rec->text == NULL)
		return NULL;
	root = json_loadb(rec->text, rec->len, 0, NULL);
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

/* What the whole batch needs to know before compiling: the number of
 * records (for the numbering width and the progress bar) and, with
 * --nom, every output name, decided up front so that parallel workers
 * never race for one. */
struct plan {
	size_t		 count;
	int		 width;
	struct ptrvec	 names;		/* char *, with --nom only */
};

static bool
name_taken(const struct ptrvec *names, const char *name)
{
	size_t i;

	for (i = 0; i < names->len; i++)
		if (strcmp(names->items[i], name) == 0)
			return true;
	return false;
}

static bool
make_plan(const struct batch_options *o, struct plan *p)
{
	struct reader r;
	struct record rec;
	char digits[32];

	memset(p, 0, sizeof(*p));
	memset(&rec, 0, sizeof(rec));
	if (!reader_open(&r, o->input))
		return false;
	while (reader_next(&r, &rec, p->count, o->name_field != NULL)) {
		p->count++;
		if (o->name_field != NULL) {
			char *base = field_name(&rec, o->name_field), *name;
			int n = 2;

			if (base == NULL)
				base = xasprintf("%zu", p->count);
			name = xstrdup(base);
			while (name_taken(&p->names, name)) {
				free(name);
				name = xasprintf("%s-%d", base, n++);
			}
			free(base);
			ptrvec_push(&p->names, name);
		}
	}
	record_clear(&rec);
	reader_close(&r);
	snprintf(digits, sizeof(digits), "%zu", p->count);
	p->width = strlen(digits) > 4 ? (int)strlen(digits) : 4;
	return true;
}

static void
plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->names.len; i++)
		free(p->names.items[i]);
	ptrvec_free(&p->names);
}

static char *
output_path(const struct batch_options *o, const struct plan *p, size_t i)
{
	if (i < p->names.len)
		return xasprintf("%s/%s%s", o->outdir,
		    (const char *)p->names.items[i], o->extension);
	return xasprintf("%s/%0*zu%s", o->outdir, p->width, i + 1,
	    o->extension);
}

/* Compiles one record; its diagnostics go where the compiler's go. */
static int
run_record(lgc_compiler *c, const struct record *rec, const char *output,
    const struct batch_options *o)
{
	char *out = NULL;
	size_t len = 0, i;
	int status, err;

	lgc_reset_data(c);
	if (rec->text == NULL) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", rec->display,
		    fr_strerror(errno ? errno : EIO));
		return LGC_FATAL;
	}
	status = lgc_load_data_string(c, rec->display, rec->text, rec->len);
	for (i = 0; i < o->ndefines && status == LGC_OK; i++)
		status = lgc_define(c, o->defines[i]);
	if (status != LGC_OK)
		return status;
	status = lgc_render(c, o->format, &out, &len);
	if (status == LGC_OK && out != NULL &&
	    (err = write_file_atomic(output, out, len)) != 0) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", output, fr_strerror(err));
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
	fprintf(stderr, "\r  %6zu/%zu [%.*s%*s] %3zu %%", done, total, filled,
	    "##############################", width - filled, "",
	    done * 100 / total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Worker K of N compiles records K, K + N, … and reports one line
 * "index status" per record on FD.  With N = 1 it is the whole batch. */
static void
worker(lgc_compiler *c, const struct batch_options *o, const struct plan *p,
    size_t k, size_t n, int fd)
{
	struct reader r;
	struct record rec;
	size_t i = 0;
	char line[64];

	memset(&rec, 0, sizeof(rec));
	if (!reader_open(&r, o->input))
		return;
	while (reader_next(&r, &rec, i, i % n == k)) {
		if (i % n == k) {
			char *output = output_path(o, p, i);
			int status = run_record(c, &rec, output, o);
			int len = snprintf(line, sizeof(line), "%zu %d\n", i,
			    status);

			free(output);
			if (write(fd, line, (size_t)len) != len)
				break;
		}
		i++;
	}
	record_clear(&rec);
	reader_close(&r);
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

/* The workers' result lines; STATUSES[i] for each record. */
static void
collect(FILE *results, const struct batch_options *o, const struct plan *p,
    signed char *statuses)
{
	char line[128];
	size_t done = 0;

	while (fgets(line, sizeof(line), results) != NULL) {
		size_t i;
		int status;

		if (parse_result(line, &i, &status) && i < p->count) {
			statuses[i] = (signed char)status;
			progress(o, ++done, p->count);
		}
	}
}

static void
run_workers(lgc_compiler *c, const struct batch_options *o,
    const struct plan *p, signed char *statuses)
{
	size_t n = (size_t)o->jobs, k;
	int fds[2];
	pid_t *pids;
	FILE *results;

	if (pipe(fds) != 0) {
		fprintf(stderr, "lgc: erreur: pipe : %s\n", fr_strerror(errno));
		return;
	}
	if (n <= 1) {
		/* One process: the results go through the same pipe from a
		 * child, so that both paths share their code. */
		n = 1;
	}
	pids = xcalloc(n, sizeof(*pids));
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++) {
		pids[k] = fork();
		if (pids[k] == 0) {
			close(fds[0]);
			worker(c, o, p, k, n, fds[1]);
			close(fds[1]);
			fflush(stderr);
			_exit(0);
		}
		if (pids[k] < 0)
			fprintf(stderr, "lgc: erreur: fork : %s\n",
			    fr_strerror(errno));
	}
	close(fds[1]);
	if ((results = fdopen(fds[0], "r")) != NULL) {
		collect(results, o, p, statuses);
		fclose(results);
	} else
		close(fds[0]);
	for (k = 0; k < n; k++)
		if (pids[k] > 0)
			waitpid(pids[k], NULL, 0);
	free(pids);
}

/* The display name of record I, found again by reading (only for the
 * few failures the summary names). */
static char *
record_display(const struct batch_options *o, size_t index)
{
	struct reader r;
	struct record rec;
	size_t i = 0;
	char *display = NULL;

	memset(&rec, 0, sizeof(rec));
	if (!reader_open(&r, o->input))
		return xasprintf("n° %zu", index + 1);
	while (reader_next(&r, &rec, i, false)) {
		if (i++ == index) {
			display = rec.display;
			rec.display = NULL;
			break;
		}
	}
	record_clear(&rec);
	reader_close(&r);
	return display != NULL ? display : xasprintf("n° %zu", index + 1);
}

int
batch_run(lgc_compiler *c, const struct batch_options *o)
{
	struct plan p;
	struct stat st;
	signed char *statuses;
	int worst = LGC_OK;
	size_t i, failed = 0, written = 0, shown = 0;

	/* The records are read twice (counted, then compiled by the
	 * workers): a pipe would give them only once. */
	if (stat(o->input, &st) == 0 && !S_ISREG(st.st_mode) &&
	    !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "lgc: erreur: %s : --lot lit un fichier JSONL "
		    "ou un dossier, pas un tube ; enregistrez d'abord les "
		    "clients dans un fichier\n", o->input);
		return LGC_FATAL;
	}
	if (!make_plan(o, &p)) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", o->input,
		    fr_strerror(errno));
		return LGC_FATAL;
	}
	if (mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "lgc: erreur: %s : %s\n", o->outdir,
		    fr_strerror(errno));
		plan_free(&p);
		return LGC_FATAL;
	}
	statuses = xcalloc(p.count + 1, 1);
	memset(statuses, -1, p.count + 1);
	run_workers(c, o, &p, statuses);
	for (i = 0; i < p.count; i++) {
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
		fprintf(stderr, ", %zu en erreur" NBSP ":", failed);
		for (i = 0; i < p.count && shown < 10; i++)
			if (statuses[i] != LGC_OK) {
				char *display = record_display(o, i);

				fprintf(stderr, "%s %s", shown ? "," : "", display);
				free(display);
				shown++;
			}
		if (failed > shown)
			fputs(", …", stderr);
	}
	fputc('\n', stderr);
	free(statuses);
	plan_free(&p);
	return worst;
}
