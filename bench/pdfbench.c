/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/*
 * Timing for bench/pdf.sh.  Two modes:
 *
 *	pdfbench run N COMMAND [ARG…]
 *		runs COMMAND N times (output to /dev/null, each run
 *		checked for success) and prints "MEDIAN_MS MIN_MS MAXRSS_KB
 *		CPU_MS": wall time per run, process start included, the
 *		largest resident set of the runs, and the median processor
 *		time (user and system), which a loaded machine inflates less
 *		than the wall time;
 *	pdfbench api TEMPLATE DATA SEARCH_DIR N [OPTION=VALUE]
 *		compiles TEMPLATE with DATA to PDF N times through the
 *		library, as a pipeline producing many contracts would (with
 *		the option given, lgc_set_option), and prints "MEDIAN_MS
 *		MIN_MS BYTES CPU_MS", the last the median processor time.
 */
#define _DEFAULT_SOURCE		/* wait4 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#include "lgc.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* This process's processor time, user and system. */
static double
cpu_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Each run is started with posix_spawn, as make and shells start a
 * command (vfork, no copy of this process's page tables), and an
 * argument "%d" becomes the run's number, so that each run can write a
 * file of its own, as a pipeline does. */
static int
run(int n, char **argv)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	double *times, *cpu, t;
	char **args, *num = NULL;
	pid_t pid;
	int i, k, argc, status, err;
	long maxrss = 0;

	for (argc = 0; argv[argc] != NULL; argc++)
		continue;
	if ((times = calloc((size_t)n, sizeof(*times))) == NULL ||
	    (cpu = calloc((size_t)n, sizeof(*cpu))) == NULL ||
	    (args = calloc((size_t)argc + 1, sizeof(*args))) == NULL)
		return 2;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (i = 0; i < n; i++) {
		for (k = 0; k < argc; k++) {
			char *pct = strstr(argv[k], "%d");

			args[k] = argv[k];
			if (pct != NULL) {
				free(num);
				if ((num = malloc(strlen(argv[k]) + 12)) == NULL)
					return 2;
				sprintf(num, "%.*s%d%s", (int)(pct - argv[k]),
				    argv[k], i, pct + 2);
				args[k] = num;
			}
		}
		t = now_ms();
		if ((err = posix_spawnp(&pid, args[0], &fa, NULL, args,
		    environ)) != 0) {
			fprintf(stderr, "pdfbench: %s : %s\n", args[0],
			    strerror(err));
			return 2;
		}
		if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "pdfbench: %s a échoué\n", args[0]);
			return 1;
		}
		times[i] = now_ms() - t;
		cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) *
		    1e3 + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) /
		    1e3;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	posix_spawn_file_actions_destroy(&fa);
	qsort(times, (size_t)n, sizeof(*times), cmp_double);
	qsort(cpu, (size_t)n, sizeof(*cpu), cmp_double);
	printf("%.2f %.2f %ld %.2f\n", times[n / 2], times[0], maxrss,
	    cpu[n / 2]);
	free(num);
	free(args);
	free(times);
	free(cpu);
	return 0;
}

static int
api(const char *template, const char *data, const char *dir, int n,
    const char *option)
{
	char name[64];
	const char *eq = option != NULL ? strchr(option, '=') : NULL;
	lgc_compiler *c;
	double *times, *cpu, t, t_cpu;
	char *out = NULL;
	size_t len = 0;
	int i;
	FILE *devnull;

	if (option != NULL && (eq == NULL || (size_t)(eq - option) >=
	    sizeof(name)))
		return 2;
	if (eq != NULL)
		snprintf(name, sizeof(name), "%.*s", (int)(eq - option), option);
	if ((devnull = fopen("/dev/null", "w")) == NULL ||
	    (times = calloc((size_t)n, sizeof(*times))) == NULL ||
	    (cpu = calloc((size_t)n, sizeof(*cpu))) == NULL)
		return 2;
	for (i = 0; i < n; i++) {
		t = now_ms();
		t_cpu = cpu_ms();
		c = lgc_new(devnull);
		lgc_add_search_path(c, dir);
		if ((eq != NULL && lgc_set_option(c, name, eq + 1) != LGC_OK) ||
		    lgc_load_template(c, template) > LGC_OK ||
		    lgc_load_data_file(c, data) > LGC_OK ||
		    lgc_render(c, "pdf", &out, &len) != LGC_OK) {
			fprintf(stderr, "pdfbench: échec de la compilation\n");
			lgc_free(c);
			free(times);
			free(cpu);
			fclose(devnull);
			return 1;
		}
		free(out);
		lgc_free(c);
		times[i] = now_ms() - t;
		cpu[i] = cpu_ms() - t_cpu;
	}
	qsort(times, (size_t)n, sizeof(*times), cmp_double);
	qsort(cpu, (size_t)n, sizeof(*cpu), cmp_double);
	printf("%.2f %.2f %zu %.2f\n", times[n / 2], times[0], len, cpu[n / 2]);
	free(times);
	free(cpu);
	fclose(devnull);
	return 0;
}

int
main(int argc, char **argv)
{
	int n;

	if (argc >= 4 && strcmp(argv[1], "run") == 0 &&
	    (n = atoi(argv[2])) > 0)
		return run(n, argv + 3);
	if ((argc == 6 || argc == 7) && strcmp(argv[1], "api") == 0 &&
	    (n = atoi(argv[5])) > 0)
		return api(argv[2], argv[3], argv[4], n,
		    argc == 7 ? argv[6] : NULL);
	fprintf(stderr, "usage : pdfbench run N COMMANDE [ARG…]\n"
	    "        pdfbench api MODÈLE DONNÉES DOSSIER N [OPTION=VALEUR]\n");
	return 2;
}
