/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* Batch compilation (--lot): one template, checked once, and many
 * clients' records, from a JSONL file or a folder of JSON files.
 * Records are read as a stream, never all at once, so that memory stays
 * flat however long the batch is. */
/* MAP_ANONYMOUS, which glibc gives only beside POSIX's names. */
#define _DEFAULT_SOURCE
#include "cli/batch.h"
#include "cli/heap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

/* A malloc'd formatted string; running out of memory ends the run, as
 * it does in the library. */
static char *
format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
format(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL) {
		fputs("lgc: erreur fatale : mémoire épuisée\n", stderr);
		exit(LGC_FATAL);
	}
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* The line as format("%.*s") would copy it (up to a NUL byte), without
 * formatting it twice. */
static char *
copy_line(const char *line, size_t n)
{
	size_t len = strnlen(line, n);
	char *s = malloc(len + 1);

	if (s == NULL) {
		fputs("lgc: erreur fatale : mémoire épuisée\n", stderr);
		exit(LGC_FATAL);
	}
	memcpy(s, line, len);
	s[len] = '\0';
	return s;
}

static int
is_json_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0 &&
	    e->d_name[0] != '.';
}

/* Byte order, whatever the locale: the numbering of a batch must not
 * depend on the machine. */
static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

bool
batch_reader_open(struct batch_reader *r, const char *input)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	r->input = input;
	if (stat(input, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode))
		return (r->jsonl = fopen(input, "rb")) != NULL;
	r->nfiles = scandir(input, &r->files, is_json_file, by_name);
	return r->nfiles >= 0;
}

void
batch_reader_close(struct batch_reader *r)
{
	int i;

	if (r->jsonl != NULL)
		fclose(r->jsonl);
	free(r->line);
	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	free(r->files);
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

void
batch_record_clear(struct batch_record *rec)
{
	free(rec->display);
	free(rec->text);
	rec->display = rec->text = NULL;
}

/* Moves R past its next record, skipping blank lines but counting
 * them, so that messages name the line a person would open; N is the
 * length of the record's line in R->line.  False at the end. */
static bool
advance(struct batch_reader *r, size_t *n)
{
	if (r->jsonl != NULL) {
		ssize_t got;

		while ((got = getline(&r->line, &r->cap, r->jsonl)) >= 0) {
			r->lineno++;
			if (blank_line(r->line, (size_t)got))
				continue;
			*n = (size_t)got;
			return true;
		}
		return false;
	}
	if (r->next >= r->nfiles)
		return false;
	r->next++;
	return true;
}

bool
batch_reader_next(struct batch_reader *r, struct batch_record *rec)
{
	size_t n = 0;

	batch_record_clear(rec);
	if (!advance(r, &n))
		return false;
	if (r->jsonl != NULL) {
		rec->lineno = r->lineno;
		rec->display = format("%s", r->input);
		rec->text = copy_line(r->line, n);
		rec->len = n;
	} else {
		rec->display = format("%s/%s", r->input,
		    r->files[r->next - 1]->d_name);
		rec->lineno = 0;
	}
	return true;
}

/* Passes over the next record without copying it; false at the end. */
static bool
batch_reader_skip(struct batch_reader *r)
{
	size_t n;

	return advance(r, &n);
}

/* The output name the record's FIELD gives, or NULL. */
static char *
field_name(const struct batch_record *rec, const char *field)
{
	json_t *root, *v;
	char *name = NULL;

	root = rec->text != NULL ? json_loadb(rec->text, rec->len, 0, NULL) :
	    json_load_file(rec->display, 0, NULL);
	if (root == NULL)
		return NULL;
	v = json_object_get(root, field);
	if (json_is_string(v))
		name = lgc_file_name(json_string_value(v));
	else if (json_is_integer(v))
		name = format("%lld", (long long)json_integer_value(v));
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
	char		**names;	/* with --nom only, count of them */
};

/* Sets KEY to the integer N in the hash table OBJ (jansson's objects
 * are the hash tables the command line has: it is built on lgc.h, not
 * on the library's own). */
static void
index_set(json_t *obj, const char *key, json_int_t n)
{
	if (json_object_set_new_nocheck(obj, key, json_integer(n)) != 0) {
		fputs("lgc: erreur fatale : mémoire épuisée\n", stderr);
		exit(LGC_FATAL);
	}
}

static bool
count_records(const struct batch_options *o, size_t *count)
{
	struct batch_reader r;

	if (!batch_reader_open(&r, o->input))
		return false;
	for (*count = 0; batch_reader_skip(&r); ++*count)
		continue;
	batch_reader_close(&r);
	return true;
}

/* A folder's record file without its ".json": the output is named
 * after the input, as a person would look for it. */
static char *
file_stem(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash != NULL ? slash + 1 : path;
	size_t n = strlen(base);

	if (n > 5 && strcmp(base + n - 5, ".json") == 0)
		n -= 5;
	return format("%.*s", (int)n, base);
}

/* "clients.jsonl:12", or a folder's record file. */
char *
batch_record_where(const struct batch_record *rec)
{
	return rec->lineno > 0 ? format("%s:%zu", rec->display, rec->lineno) :
	    format("%s", rec->display);
}

/* Two records giving one name: the second is written as NAME-2, said
 * with a warning, for a contract under an unexpected name is easily
 * sent to the wrong client. */
static void
warn_duplicate(lgc_compiler *c, const struct batch_options *o,
    const struct batch_record *rec, const char *first, const char *base,
    const char *name)
{
	char *at = batch_record_where(rec);

	lgc_set_record(c, rec->display, rec->lineno > INT_MAX ? INT_MAX :
	    (int)rec->lineno);
	lgc_report_file(c, "lot-nom-en-double", rec->display, "%s : "
	    "le nom « %s »%s%s%s est déjà celui de %s : ce contrat est écrit "
	    "sous « %s%s »", at, base, o->name_field != NULL ?
	    " (champ « " : "", o->name_field != NULL ? o->name_field : "",
	    o->name_field != NULL ? " »)" : "", first, name, o->extension);
	lgc_set_record(c, NULL, 0);
	free(at);
}

static bool
name_records(lgc_compiler *c, const struct batch_options *o, struct plan *p)
{
	struct batch_reader r;
	struct batch_record rec;
	char **firsts;
	/* Every name given → its record; a base given twice → the next
	 * suffix to try (names are only added: the ones below stay taken),
	 * so that N equal names cost O(N), not a scan per try. */
	json_t *taken, *next;
	size_t i;

	memset(&rec, 0, sizeof(rec));
	if ((p->names = calloc(p->count + 1, sizeof(*p->names))) == NULL ||
	    (firsts = calloc(p->count + 1, sizeof(*firsts))) == NULL)
		return false;
	if (!batch_reader_open(&r, o->input)) {
		free(firsts);
		return false;
	}
	taken = json_object();
	next = json_object();
	if (taken == NULL || next == NULL) {
		fputs("lgc: erreur fatale : mémoire épuisée\n", stderr);
		exit(LGC_FATAL);
	}
	for (i = 0; i < p->count && batch_reader_next(&r, &rec); i++) {
		char *base = NULL, *name;
		json_t *first;

		if (o->name_field != NULL)
			base = field_name(&rec, o->name_field);
		if (base == NULL && rec.text == NULL)
			base = file_stem(rec.display);
		if (base == NULL)
			base = format("%0*zu", p->width, i + 1);
		name = format("%s", base);
		firsts[i] = batch_record_where(&rec);
		if ((first = json_object_get(taken, base)) != NULL) {
			json_t *nx = json_object_get(next, base);
			json_int_t n = nx != NULL ? json_integer_value(nx) : 2;

			do {
				free(name);
				name = format("%s-%lld", base, (long long)n++);
			} while (json_object_get(taken, name) != NULL);
			index_set(next, base, n);
			warn_duplicate(c, o, &rec,
			    firsts[json_integer_value(first)], base, name);
		}
		index_set(taken, name, (json_int_t)i);
		free(base);
		p->names[i] = name;
	}
	json_decref(taken);
	json_decref(next);
	/* The input changed under us: the remaining records are numbered. */
	for (; i < p->count; i++)
		p->names[i] = format("%0*zu", p->width, i + 1);
	for (i = 0; i < p->count; i++)
		free(firsts[i]);
	free(firsts);
	batch_record_clear(&rec);
	batch_reader_close(&r);
	return true;
}

static bool
make_plan(lgc_compiler *c, const struct batch_options *o, struct plan *p)
{
	char digits[32];
	struct stat st;

	memset(p, 0, sizeof(*p));
	if (!count_records(o, &p->count))
		return false;
	snprintf(digits, sizeof(digits), "%zu", p->count);
	p->width = strlen(digits) > 4 ? (int)strlen(digits) : 4;
	/* A folder's records are named after their files. */
	if ((o->name_field != NULL || (stat(o->input, &st) == 0 &&
	    S_ISDIR(st.st_mode))) && !name_records(c, o, p))
		return false;
	return true;
}

static void
plan_free(struct plan *p)
{
	size_t i;

	if (p->names != NULL)
		for (i = 0; i < p->count; i++)
			free(p->names[i]);
	free(p->names);
}

/* Record I's output file, in the output folder. */
static char *
output_name(const struct batch_options *o, const struct plan *p, size_t i)
{
	if (p->names != NULL)
		return format("%s%s", p->names[i], o->extension);
	return format("%0*zu%s", p->width, i + 1, o->extension);
}

static char *
output_path(const struct batch_options *o, const struct plan *p, size_t i)
{
	char *name = output_name(o, p, i), *path;

	path = format("%s/%s", o->outdir, name);
	free(name);
	return path;
}

/* Compiles one record; its diagnostics go where the compiler's go. */
static int
run_record(lgc_compiler *c, const struct batch_record *rec, const char *output,
    const struct batch_options *o)
{
	char *out = NULL;
	size_t len = 0, i;
	int status;

	lgc_reset_data(c);
	lgc_set_record(c, rec->display, rec->lineno > INT_MAX ? INT_MAX :
	    (int)rec->lineno);
	if (rec->text != NULL)
		status = lgc_load_data_string(c, rec->display, rec->text,
		    rec->len);
	else
		status = lgc_load_data_file(c, rec->display);
	for (i = 0; i < o->ndefines && status == LGC_OK; i++)
		status = lgc_define(c, o->defines[i]);
	if (status == LGC_OK)
		status = lgc_render(c, o->format, &out, &len);
	if (status == LGC_OK)
		status = lgc_write_output(c, output, out, len);
	free(out);
	lgc_set_record(c, NULL, 0);
	return status;
}

/* The bar (drawn by the parent) and a worker's diagnostics go to one
 * terminal from two processes: each is written by one write(2), so
 * that neither lands inside the other (stdio on the unbuffered stderr
 * may split a line into several writes). */
static void
write_whole(const char *text, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDERR_FILENO, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= (size_t)n;
	}
}

static void
progress(const struct batch_options *o, size_t done, size_t total)
{
	char line[128];
	int width = 30, filled, len;

	if (!o->progress || total < 50)
		return;
	filled = (int)(done * (size_t)width / total);
	len = snprintf(line, sizeof(line), "\r  %6zu/%zu [%.*s%*s] %3zu %%%s",
	    done, total, filled, "##############################",
	    width - filled, "", done * 100 / total, done == total ? "\n" : "");
	if (len > 0)
		write_whole(line, (size_t)len < sizeof(line) ? (size_t)len :
		    sizeof(line) - 1);
}

/* With a progress bar, a diagnostic first erases the bar's line, so
 * that both never share one: the bar is drawn again at the next
 * record. */
static void
print_below_bar(const lgc_diagnostic *d, void *arg)
{
	static const char erase[] = "\r\033[K";
	size_t n = sizeof(erase) - 1;
	char *text = malloc(n + d->printed_len);

	(void)arg;
	fflush(stderr);
	if (text == NULL) {
		/* Out of memory: the two parts, perhaps apart. */
		write_whole(erase, n);
		write_whole(d->printed, d->printed_len);
		return;
	}
	memcpy(text, erase, n);
	memcpy(text + n, d->printed, d->printed_len);
	write_whole(text, n + d->printed_len);
	free(text);
}

/* --format-diagnostics sarif: the parent writes the run's one log, so
 * that a worker appends each SARIF result, a line, to the file the
 * parent reads at the end (opened O_APPEND, each line one write(2), so
 * that the workers' lines never mix). */
static void
hand_over_result(const lgc_diagnostic *d, void *arg)
{
	const int *fd = arg;
	const char *text = d->printed;
	size_t len = d->printed_len;
	ssize_t n;

	while (len > 0) {
		n = write(*fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		text += n;
		len -= (size_t)n;
	}
}

/* The results the workers handed over, into C's log. */
static void
take_results(lgc_compiler *c, FILE *results)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	rewind(results);
	while ((n = getline(&line, &cap, results)) > 0)
		lgc_add_sarif_result(c, line, (size_t)n);
	free(line);
}

/* A record's state in STATUSES: an lgc status once compiled, or one of
 * these. */
#define NOT_TRIED	(-1)	/* no worker began it */
#define INTERRUPTED	(-2)	/* its worker died while compiling it */

/* The workers of a batch, in memory shared by them all and the parent
 * (MAP_SHARED): each takes the next record no worker has taken, so that
 * a worker given the longer contracts does not finish last while the
 * others wait (records taken in turn, K, K + N…, left one worker with
 * a twentieth more work on the lead-generation example).  The counter
 * is lock-free, as a size_t's atomics are where lgc runs. */
struct crew {
	atomic_size_t	 next;		/* the first record not yet taken */
	struct member {
		pid_t	 pid;		/* set by the parent; 0 or -1: none */
		int	 status;	/* waitpid's, once it ended */
		size_t	 taken;		/* the record it took last */
	} member[];
};

/* The next record for worker K, said on the board before the worker
 * reads up to it. */
static size_t
take(struct crew *crew, size_t k)
{
	return crew->member[k].taken = atomic_fetch_add(&crew->next, 1);
}

/* Worker K takes records one at a time (struct crew) and keeps each
 * one's state in STATUSES, shared with the parent: INTERRUPTED from its
 * start to its end, then its status.  With a progress bar, it also
 * writes a byte on FD for each record done; else the parent is never
 * woken before the end.  Its SARIF results go to SARIF_FD (or -1).  With
 * one worker it is the whole batch. */
static void
worker(lgc_compiler *c, const struct batch_options *o, const struct plan *p,
    struct crew *crew, size_t k, int fd, int *sarif_fd,
    signed char *statuses)
{
	struct batch_reader r;
	struct batch_record rec;
	size_t i = 0, want;
	void *pad;

	memset(&rec, 0, sizeof(rec));
	if (o->progress)
		lgc_set_diagnostic_handler(c, print_below_bar, NULL);
	if (*sarif_fd >= 0) {
		/* The parent's log holds what came before the fork. */
		lgc_drop_diagnostics(c);
		lgc_set_diagnostic_handler(c, hand_over_result, sarif_fd);
	}
	if (!batch_reader_open(&r, o->input))
		return;
	/* What a format keeps across records (the PDF's fonts) is done
	 * once per worker. */
	lgc_keep_backends(c, 1);
	/* The heap shared with the parent would be copied a page at a time
	 * as the worker allocates in it: its allocations go on a new huge
	 * page instead (a PDF batch of one record, 490 -> 232 page
	 * faults). */
	pad = heap_place_on_huge_pages();
	for (want = take(crew, k); want < p->count; want = take(crew, k)) {
		char *output;
		int status;

		/* The records the other workers took are passed over, not
		 * copied. */
		while (i < want && batch_reader_skip(&r))
			i++;
		if (i < want || !batch_reader_next(&r, &rec))
			break;
		/* Said before it starts: if this process dies, the parent
		 * knows which record it died on, and which it never began. */
		statuses[i] = INTERRUPTED;
		output = output_path(o, p, i);
		status = run_record(c, &rec, output, o);
		free(output);
		statuses[i++] = (signed char)status;
		if (o->progress && write(fd, "", 1) != 1)
			break;
	}
	batch_record_clear(&rec);
	batch_reader_close(&r);
	free(pad);
}

static char	*record_display(const struct batch_options *, size_t);

/* Waits for the workers to close their ends of FD, drawing the progress
 * bar from the byte each writes per record done. */
static void
collect(int fd, const struct batch_options *o, const struct plan *p)
{
	char bytes[512];
	size_t done = 0;
	ssize_t got, i;

	while ((got = read(fd, bytes, sizeof(bytes))) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* The bar drawn at each record, as a user reads it. */
		for (i = 0; i < got && done < p->count; i++)
			progress(o, ++done, p->count);
	}
}

/* The name of the signals a worker may die of (sigabbrev_np is
 * glibc's only). */
static const char *
signal_name(int sig)
{
	static const struct {
		int		 sig;
		const char	*name;
	} names[] = {
		{ SIGKILL, "SIGKILL" }, { SIGSEGV, "SIGSEGV" },
		{ SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" },
		{ SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" },
		{ SIGHUP, "SIGHUP" }, { SIGQUIT, "SIGQUIT" },
		{ SIGFPE, "SIGFPE" }, { SIGILL, "SIGILL" },
		{ SIGPIPE, "SIGPIPE" }, { SIGXCPU, "SIGXCPU" },
		{ SIGXFSZ, "SIGXFSZ" }, { SIGALRM, "SIGALRM" },
		{ SIGUSR1, "SIGUSR1" }, { SIGUSR2, "SIGUSR2" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	return NULL;
}

/* A temporary file write_file_atomic left beside OUTPUT ("OUTPUT.
 * XXXXXX") when its process was killed between creating and renaming
 * it: removed, for no one must take it for a contract. */
static void
remove_temporaries(const char *output)
{
	const char *slash = strrchr(output, '/');
	char *dirname = slash != NULL ? format("%.*s", (int)(slash - output),
	    output) : format(".");
	const char *base = slash != NULL ? slash + 1 : output;
	size_t n = strlen(base);
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dirname)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strncmp(e->d_name, base, n) == 0 &&
			    e->d_name[n] == '.' && strlen(e->d_name + n) == 7) {
				char *path = format("%s/%s", dirname, e->d_name);

				unlink(path);
				free(path);
			}
		closedir(d);
	}
	free(dirname);
}

/* Worker K (W) ended without compiling the record it took, or with
 * NEVER records left that no worker began: said once, naming what it
 * left, and its unfinished output's temporary file removed. */
static void
worker_died(lgc_compiler *c, const struct batch_options *o,
    const struct plan *p, const signed char *statuses,
    const struct member *w, size_t k, size_t never)
{
	char *why, *text = NULL, *display, *output;
	size_t size = 0, interrupted = SIZE_MAX;
	int ws = w->status;
	FILE *f;

	if (w->taken < p->count && statuses[w->taken] == INTERRUPTED)
		interrupted = w->taken;
	if (WIFSIGNALED(ws))
		why = signal_name(WTERMSIG(ws)) != NULL ? format("a été tué par "
		    "le signal %s", signal_name(WTERMSIG(ws))) :
		    format("a été tué par le signal %d", WTERMSIG(ws));
	else if (WIFEXITED(ws))
		why = format("s'est arrêté avant la fin (code de sortie %d)",
		    WEXITSTATUS(ws));
	else
		why = format("s'est arrêté avant la fin");
	if ((f = open_memstream(&text, &size)) == NULL) {
		free(why);
		return;
	}
	fprintf(f, "le processus %zu du lot (pid %ld) %s", k + 1,
	    (long)w->pid, why);
	if (interrupted != SIZE_MAX) {
		display = record_display(o, interrupted);
		fprintf(f, " pendant l'enregistrement %s, resté sans contrat",
		    display);
		free(display);
		output = output_path(o, p, interrupted);
		remove_temporaries(output);
		free(output);
	}
	if (never > 0)
		fprintf(f, "%s %zu enregistrement%s jamais tenté%s", interrupted !=
		    SIZE_MAX ? " ;" : " :", never, never > 1 ? "s" : "",
		    never > 1 ? "s" : "");
	fputs(" ; rien n'indique une faute dans leurs données : relancez-les "
	    "(le processus a pu manquer de mémoire ou recevoir un signal)", f);
	fclose(f);
	lgc_report_file(c, "lot-processus-arrete", o->input, "%s", text);
	free(text);
	free(why);
}

/* The end of a worker, its share done.  It frees what it allocated
 * itself, and not the checked template and the plan it inherited: those
 * are the parent's, which frees them.  Freeing them here too would only
 * write on pages the fork shares with the parent, each write a copy of
 * the page (several milliseconds a worker on a virtual machine, where a
 * copy on write costs a TLB flush through the hypervisor).  Under
 * AddressSanitizer, the leak check runs here, as it would at exit: what
 * a record lost shows; what the parent holds is still reachable. */
static void
worker_exit(lgc_compiler *c)
{
	lgc_finish_diagnostics(c);
	lgc_keep_backends(c, 0);
	fflush(stdout);
	fflush(stderr);
#ifdef __SANITIZE_ADDRESS__
	__lsan_do_leak_check();
#endif
	_exit(LGC_OK);
}

/* Whether worker W stopped on the record it took: died compiling it, or
 * before beginning it. */
static bool
left_its_record(const struct member *w, const struct plan *p,
    const signed char *statuses)
{
	return w->pid > 0 && w->taken < p->count && statuses[w->taken] < 0;
}

/* Forks the workers and collects their results into STATUSES (a record
 * never begun stays NOT_TRIED when they could not be started). */
static void
run_workers(lgc_compiler *c, const struct batch_options *o,
    const struct plan *p, signed char *statuses)
{
	size_t n = (size_t)o->jobs, k, next, untaken, last;
	int fds[2], sarif_fd = -1;
	struct crew *crew;
	size_t crew_size;
	FILE *sarif = NULL;

	if (o->sarif) {
		if ((sarif = tmpfile()) == NULL ||
		    fcntl(fileno(sarif), F_SETFL, O_APPEND) != 0) {
			lgc_report(c, "entree-sortie", "fichier temporaire des "
			    "diagnostics : %s", lgc_strerror(errno));
			if (sarif != NULL)
				fclose(sarif);
			return;
		}
		sarif_fd = fileno(sarif);
	}
	if (pipe(fds) != 0) {
		lgc_report(c, "entree-sortie", "pipe : %s", lgc_strerror(errno));
		if (sarif != NULL)
			fclose(sarif);
		return;
	}
	/* One process: the records are compiled by a child all the same,
	 * so that both paths share their code. */
	if (n < 1)
		n = 1;
	/* Not on the heap either: from the first fork on, this process
	 * writes nothing there until its workers are done.  The heap's
	 * pages are then shared with the workers, and one write made while
	 * they live would have the kernel split the huge page it is on
	 * (heap.c) and copy each of its pages on its next write, a freeing
	 * of the template at the end. */
	crew_size = sizeof(*crew) + n * sizeof(crew->member[0]);
	crew = mmap(NULL, crew_size, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (crew == MAP_FAILED) {
		lgc_report(c, "entree-sortie", "%s", lgc_strerror(errno));
		close(fds[0]);
		close(fds[1]);
		if (sarif != NULL)
			fclose(sarif);
		return;
	}
	atomic_init(&crew->next, 0);
	for (k = 0; k < n; k++)
		crew->member[k].taken = SIZE_MAX;
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++) {
		pid_t pid = fork();

		if (pid == 0) {
			close(fds[0]);
			worker(c, o, p, crew, k, fds[1], &sarif_fd, statuses);
			close(fds[1]);
			if (sarif != NULL)
				fclose(sarif);
			worker_exit(c);
		}
		crew->member[k].pid = pid;
		if (pid < 0)
			lgc_report(c, "entree-sortie", "fork : %s",
			    lgc_strerror(errno));
	}
	close(fds[1]);
	collect(fds[0], o, p);
	close(fds[0]);
	last = SIZE_MAX;
	for (k = 0; k < n; k++) {
		struct member *w = &crew->member[k];

		if (w->pid <= 0)
			continue;
		while (waitpid(w->pid, &w->status, 0) < 0 && errno == EINTR)
			continue;
		/* Who names the records nobody took, if any: the last
		 * worker that left the record it took, else the last. */
		if (last == SIZE_MAX || left_its_record(w, p, statuses) ||
		    !left_its_record(&crew->member[last], p, statuses))
			last = k;
	}
	next = atomic_load(&crew->next);
	untaken = next < p->count ? p->count - next : 0;
	for (k = 0; k < n; k++) {
		struct member *w = &crew->member[k];
		size_t never = k == last ? untaken : 0;

		if (left_its_record(w, p, statuses) &&
		    statuses[w->taken] == NOT_TRIED)
			never++;
		if (left_its_record(w, p, statuses) || never > 0)
			worker_died(c, o, p, statuses, w, k, never);
	}
	munmap(crew, crew_size);
	if (sarif != NULL) {
		take_results(c, sarif);
		fclose(sarif);
	}
}

/* The display name of record I, found again by reading (only for the
 * few failures the summary names). */
static char *
record_display(const struct batch_options *o, size_t index)
{
	struct batch_reader r;
	struct batch_record rec;
	size_t i = 0;
	char *display = NULL;

	memset(&rec, 0, sizeof(rec));
	if (!batch_reader_open(&r, o->input))
		return format("n° %zu", index + 1);
	while (batch_reader_next(&r, &rec)) {
		if (i++ == index) {
			display = rec.lineno > 0 ? format("%s:%zu", rec.display,
			    rec.lineno) : format("%s", rec.display);
			break;
		}
	}
	batch_record_clear(&rec);
	batch_reader_close(&r);
	return display != NULL ? display : format("n° %zu", index + 1);
}

/* What became of the records, for the summary. */
struct tally {
	size_t	 written;
	size_t	 failed;	/* compiled, with errors */
	size_t	 interrupted;	/* their worker died on them */
	size_t	 never;		/* their worker died before them */
};

/* Which list of the summary record I's STATUS puts it in. */
static bool
in_list(int status, int list)
{
	return list == LGC_ERRORS ? status > LGC_OK : status == list;
}

/* The records whose status is in LIST, as {"fichier", "enregistrement"}
 * objects. */
static json_t *
json_records(const struct batch_options *o, const struct plan *p,
    const signed char *statuses, int list, size_t count)
{
	json_t *array = json_array();
	struct batch_reader r;
	struct batch_record rec;
	size_t i = 0;

	memset(&rec, 0, sizeof(rec));
	if (count > 0 && batch_reader_open(&r, o->input)) {
		for (; batch_reader_next(&r, &rec) && i < p->count; i++) {
			json_t *e;

			if (!in_list(statuses[i], list))
				continue;
			e = json_object();
			json_object_set_new(e, "fichier", json_string(rec.display));
			if (rec.lineno > 0)
				json_object_set_new(e, "enregistrement",
				    json_integer((json_int_t)rec.lineno));
			json_array_append_new(array, e);
		}
		batch_record_clear(&rec);
		batch_reader_close(&r);
	}
	return array;
}

/* The summary as one JSON object on a line of its own, beside the
 * diagnostics: what a pipeline reads to know what was written. */
static void
summary_json(const struct batch_options *o, const struct plan *p,
    const signed char *statuses, const char *message, const struct tally *t)
{
	json_t *root = json_object(), *lot = json_object();
	char *text;

	json_object_set_new(root, "fichier", json_string(o->input));
	json_object_set_new(root, "gravite", json_string("note"));
	json_object_set_new(root, "code", json_string("lot"));
	json_object_set_new(root, "message", json_string(message));
	json_object_set_new(lot, "dossier", json_string(o->outdir));
	json_object_set_new(lot, "enregistrements", json_integer(
	    (json_int_t)p->count));
	json_object_set_new(lot, "ecrits", json_integer((json_int_t)t->written));
	json_object_set_new(lot, "en_erreur", json_integer((json_int_t)t->failed));
	json_object_set_new(lot, "echecs", json_records(o, p, statuses,
	    LGC_ERRORS, t->failed));
	/* Only when a worker died, so that a batch's usual summary keeps
	 * its keys. */
	if (t->interrupted > 0 || t->never > 0) {
		json_object_set_new(lot, "interrompus", json_records(o, p,
		    statuses, INTERRUPTED, t->interrupted));
		json_object_set_new(lot, "non_tentes", json_records(o, p,
		    statuses, NOT_TRIED, t->never));
	}
	json_object_set_new(root, "lot", lot);
	if ((text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER)) !=
	    NULL) {
		fprintf(stderr, "%s\n", text);
		fflush(stderr);
		free(text);
	}
	json_decref(root);
}

/* ", 2 en erreur : a, b": the first ten records of LIST. */
static void
summary_list(FILE *f, const struct batch_options *o, const struct plan *p,
    const signed char *statuses, int list, size_t count, const char *what)
{
	size_t i, shown = 0;

	if (count == 0)
		return;
	fprintf(f, "%s %zu %s\xc2\xa0:", list == LGC_ERRORS ? "," : " ;",
	    count, what);
	for (i = 0; i < p->count && shown < 10; i++)
		if (in_list(statuses[i], list)) {
			char *display = record_display(o, i);

			fprintf(f, "%s %s", shown ? "," : "", display);
			free(display);
			shown++;
		}
	if (count > shown)
		fputs(", …", f);
}

/* "6 contrats écrits dans sortie, 2 en erreur : a, b" */
static void
summary(lgc_compiler *c, const struct batch_options *o, const struct plan *p,
    const signed char *statuses, const struct tally *t)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	if (f == NULL) {
		lgc_report(c, "entree-sortie", "%s", lgc_strerror(errno));
		return;
	}
	fprintf(f, "lot\xc2\xa0: %zu contrat%s écrit%s dans %s", t->written,
	    t->written > 1 ? "s" : "", t->written > 1 ? "s" : "", o->outdir);
	summary_list(f, o, p, statuses, LGC_ERRORS, t->failed, "en erreur");
	summary_list(f, o, p, statuses, INTERRUPTED, t->interrupted,
	    t->interrupted > 1 ? "interrompus (processus arrêté)" :
	    "interrompu (processus arrêté)");
	summary_list(f, o, p, statuses, NOT_TRIED, t->never, t->never > 1 ?
	    "jamais tentés" : "jamais tenté");
	fclose(f);
	if (o->json)
		summary_json(o, p, statuses, text, t);
	else
		lgc_report(c, "lot", "%s", text);
	free(text);
}

/* A file by device and inode. */
struct file_id {
	dev_t	 dev;
	ino_t	 ino;
};

static int
by_id(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* The files the batch reads (the JSONL file, or a folder's record
 * files), sorted by_id, into *IDS; their count, or -1 (errno set). */
static ssize_t
input_ids(const struct batch_options *o, struct file_id **ids)
{
	struct batch_reader r;
	struct batch_record rec;
	struct stat st;
	size_t n = 0;

	*ids = NULL;
	memset(&rec, 0, sizeof(rec));
	if (stat(o->input, &st) == 0 && S_ISREG(st.st_mode)) {
		if ((*ids = malloc(sizeof(**ids))) == NULL)
			return -1;
		(*ids)[n].dev = st.st_dev;
		(*ids)[n++].ino = st.st_ino;
	} else if (batch_reader_open(&r, o->input)) {
		if ((*ids = calloc((size_t)r.nfiles + 1, sizeof(**ids))) ==
		    NULL) {
			batch_reader_close(&r);
			return -1;
		}
		while (batch_reader_next(&r, &rec))
			if (stat(rec.display, &st) == 0) {
				(*ids)[n].dev = st.st_dev;
				(*ids)[n++].ino = st.st_ino;
			}
		batch_record_clear(&rec);
		batch_reader_close(&r);
	}
	if (n > 1)
		qsort(*ids, n, sizeof(**ids), by_id);
	return (ssize_t)n;
}

static int
by_inode(const void *a, const void *b)
{
	ino_t x = *(const ino_t *)a, y = *(const ino_t *)b;

	return x < y ? -1 : x > y;
}

/* The entry NAME of a folder listing sorted by_name, or NULL. */
static const struct dirent *
listed(struct dirent *const *entries, int n, const char *name)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2, cmp = strcmp(name,
		    entries[mid]->d_name);

		if (cmp == 0)
			return entries[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Whether the output ENTRY of the folder listing may be an input of
 * the batch or of the compilation: not a plain file (a link is followed
 * when written), or a file with the inode of one of them, on whatever
 * device (INODES: the batch's own, sorted).  What is not is no input,
 * with no stat(2) asked; what is, is looked at by stat(2). */
static bool
may_be_input(lgc_compiler *c, const struct dirent *entry,
    const ino_t *inodes, size_t n)
{
	ino_t ino = entry->d_ino;

	return entry->d_type != DT_REG ||
	    (n > 0 && bsearch(&ino, inodes, n, sizeof(*inodes), by_inode) !=
	    NULL) || lgc_may_read_inode(c, (unsigned long long)ino);
}

/* Refuses output I if it is a file the batch reads (IDS) or the
 * compilation read. */
static int
check_output(lgc_compiler *c, const struct batch_options *o,
    const struct plan *p, size_t i, const struct file_id *ids, size_t n)
{
	char *output = output_path(o, p, i);
	struct file_id key;
	struct stat st;
	int status = LGC_OK;

	if (stat(output, &st) == 0 && S_ISREG(st.st_mode)) {
		key.dev = st.st_dev;
		key.ino = st.st_ino;
		if (n > 0 && bsearch(&key, ids, n, sizeof(*ids), by_id) !=
		    NULL) {
			char *display = record_display(o, i);

			status = lgc_report_file(c, "sortie-est-une-entree",
			    o->input, "la sortie « %s » de l'enregistrement %s "
			    "est un fichier que ce lot lit (les clients) : "
			    "l'écrire le détruirait ; choisissez un autre "
			    "dossier de sortie", output, display);
			free(display);
		} else
			status = lgc_check_output(c, output);
	}
	free(output);
	return status;
}

/* Every output of the batch checked before the first is written: none
 * may be a file the batch reads (the JSONL file, a record's file, the
 * template or a clause), whatever its name; a link in the output folder
 * to an input would otherwise have it overwritten.  The folder is read
 * once: an output it does not hold does not exist, and a plain file
 * whose inode is no input's is none, so that only the others cost a
 * stat(2), where a stat per output and one more per existing output
 * took 5 ms before the first record of a batch of 1,000 written over
 * its earlier outputs.  (lgc_write_output checks each output again as
 * it writes it.) */
static int
check_outputs(lgc_compiler *c, const struct batch_options *o,
    const struct plan *p)
{
	struct file_id *ids;
	struct dirent **entries = NULL;
	ino_t *inodes = NULL;
	ssize_t got;
	size_t n, i;
	int nentries, status = LGC_OK;

	if ((got = input_ids(o, &ids)) < 0)
		return lgc_report(c, "entree-sortie", "%s",
		    lgc_strerror(ENOMEM));
	n = (size_t)got;
	nentries = scandir(o->outdir, &entries, NULL, by_name);
	if (nentries < 0 && errno == ENOENT) {
		free(ids);
		return LGC_OK;
	}
	if (nentries >= 0 && n > 0) {
		if ((inodes = malloc(n * sizeof(*inodes))) == NULL) {
			status = lgc_report(c, "entree-sortie", "%s",
			    lgc_strerror(ENOMEM));
			n = 0;
		}
		for (i = 0; i < n; i++)
			inodes[i] = ids[i].ino;
		if (n > 1)
			qsort(inodes, n, sizeof(*inodes), by_inode);
	}
	for (i = 0; i < p->count && status == LGC_OK; i++) {
		/* A folder that could not be listed: each output is looked
		 * up. */
		if (nentries >= 0) {
			char *name = output_name(o, p, i);
			const struct dirent *e = listed(entries, nentries,
			    name);

			free(name);
			if (e == NULL || !may_be_input(c, e, inodes, n))
				continue;
		}
		status = check_output(c, o, p, i, ids, n);
	}
	for (i = 0; nentries > 0 && i < (size_t)nentries; i++)
		free(entries[i]);
	free(entries);
	free(inodes);
	free(ids);
	return status;
}

int
batch_run(lgc_compiler *c, const struct batch_options *o)
{
	struct plan p;
	struct stat st;
	struct tally t;
	signed char *statuses;
	int worst = LGC_OK;
	size_t i;

	/* The records are read twice (counted, then compiled by the
	 * workers): a pipe would give them only once. */
	if (strcmp(o->input, "-") == 0 || (stat(o->input, &st) == 0 &&
	    !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)))
		return lgc_report(c, "usage", "%s : --lot lit un fichier JSONL "
		    "ou un dossier, pas un tube ; enregistrez d'abord les "
		    "clients dans un fichier", o->input);
	if (!make_plan(c, o, &p)) {
		int err = errno;

		plan_free(&p);
		return lgc_report(c, "entree-sortie", "%s : %s", o->input,
		    lgc_strerror(err));
	}
	/* Said once, not once per record, nor after a look for each
	 * output inside it. */
	if (stat(o->outdir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		plan_free(&p);
		return lgc_report(c, "entree-sortie", "%s : --sortie nomme un "
		    "fichier, pas un dossier ; donnez le dossier où écrire les "
		    "contrats (il est créé s'il manque)", o->outdir);
	}
	if (check_outputs(c, o, &p) != LGC_OK) {
		plan_free(&p);
		return LGC_FATAL;
	}
	if (mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
		int err = errno;

		plan_free(&p);
		return lgc_report(c, "entree-sortie", "%s : %s", o->outdir,
		    lgc_strerror(err));
	}
	/* Shared with the workers, which write each record's state there:
	 * no message per record, no waking of this process. */
	statuses = mmap(NULL, p.count + 1, PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (statuses == MAP_FAILED) {
		int err = errno;

		plan_free(&p);
		return lgc_report(c, "entree-sortie", "%s", lgc_strerror(err));
	}
	memset(statuses, NOT_TRIED, p.count + 1);
	run_workers(c, o, &p, statuses);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < p.count; i++) {
		int s = statuses[i] < 0 ? LGC_FATAL : statuses[i];

		if (statuses[i] == NOT_TRIED)
			t.never++;
		else if (statuses[i] == INTERRUPTED)
			t.interrupted++;
		else if (s == LGC_OK)
			t.written++;
		else
			t.failed++;
		if (s > worst)
			worst = s;
	}
	summary(c, o, &p, statuses, &t);
	munmap(statuses, p.count + 1);
	plan_free(&p);
	return worst;
}
