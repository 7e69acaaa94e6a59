/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "base/path.h"

static void
check_lexical(struct unit *u, const char *base, const char *name,
    const char *want)
{
	char *got = path_lexical(base, name);

	CHECK_STR(u, got, want);
	free(got);
}

static void
test_lexical(struct unit *u)
{
	check_lexical(u, "/srv/r", "a/b.lgc", "/srv/r/a/b.lgc");
	check_lexical(u, "/srv/r/", "./a//b.lgc", "/srv/r/a/b.lgc");
	check_lexical(u, "/srv/r", "a/../../x.lgc", "/srv/x.lgc");
	check_lexical(u, "/srv/r", "/etc/x.lgc", "/etc/x.lgc");
	check_lexical(u, "/srv/r", "../../../../x", "/x");
	check_lexical(u, "/", "..", "/");
	check_lexical(u, "/srv", "r/.", "/srv/r");

	CHECK(u, path_within("/srv/r/a.lgc", "/srv/r"));
	CHECK(u, path_within("/srv/r/a.lgc", "/srv/r/"));
	CHECK(u, path_within("/x.lgc", "/"));
	CHECK(u, !path_within("/srv/r", "/srv/r"));
	CHECK(u, !path_within("/srv/r2/a.lgc", "/srv/r"));
	CHECK(u, !path_within("/srv/a.lgc", "/srv/r"));
	CHECK(u, path_leads_to("/srv", "/srv/r"));
	CHECK(u, path_leads_to("/", "/srv/r"));
	CHECK(u, path_leads_to("/srv/r", "/srv/r"));
	CHECK(u, !path_leads_to("/sr", "/srv/r"));
	CHECK(u, !path_leads_to("/srv/r/a", "/srv/r"));
}

/* Makes LINK point to TARGET in one step, as an attacker racing the
 * check would (rename over the old link). */
static bool
point(const char *dir, const char *target)
{
	char tmp[PATH_MAX], link[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s/racine/lien.tmp", dir);
	snprintf(link, sizeof(link), "%s/racine/lien.lgc", dir);
	return symlink(target, tmp) == 0 && rename(tmp, link) == 0;
}

/*
 * The confinement judges the descriptor, not a name: a link that points
 * inside when the file is opened and outside when it is checked (or the
 * reverse) is judged by the file actually opened.  The swap is made
 * here between the open and the check, which a race could only hope to
 * hit.
 */
static void
test_descriptor(struct unit *u)
{
	char dir[] = "/tmp/lgc-unit-path-XXXXXX";
	char path[PATH_MAX], real[PATH_MAX], root[PATH_MAX];
	static const char *const made[] = {
		"racine/permise.lgc", "racine/lien.lgc", "dehors/secret.lgc",
		"racine", "dehors"
	};
	const char *roots[1];
	size_t i;
	int fd;
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		CHECK(u, false);
		return;
	}
	snprintf(path, sizeof(path), "%s/racine", dir);
	CHECK(u, mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/dehors", dir);
	CHECK(u, mkdir(path, 0700) == 0);
	snprintf(path, sizeof(path), "%s/racine/permise.lgc", dir);
	if ((f = fopen(path, "w")) != NULL)
		fclose(f);
	snprintf(path, sizeof(path), "%s/dehors/secret.lgc", dir);
	if ((f = fopen(path, "w")) != NULL)
		fclose(f);
	snprintf(path, sizeof(path), "%s/racine", dir);
	CHECK(u, realpath(path, root) != NULL);
	roots[0] = root;
	snprintf(path, sizeof(path), "%s/racine/lien.lgc", dir);

	/* Inside at the open, outside at the check: the file read is
	 * the one inside, and it is let through. */
	CHECK(u, point(dir, "permise.lgc"));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(u, fd >= 0);
	CHECK(u, point(dir, "../dehors/secret.lgc"));
	CHECK(u, fd >= 0 && fd_within(fd, roots, 1, real));
	CHECK(u, strstr(real, "/racine/permise.lgc") != NULL);
	if (fd >= 0)
		close(fd);

	/* Outside at the open, inside again at the check (realpath of
	 * the name would now say « inside »): refused. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	CHECK(u, fd >= 0);
	CHECK(u, point(dir, "permise.lgc"));
	CHECK(u, realpath(path, real) != NULL && strstr(real, "/racine/"));
	CHECK(u, fd >= 0 && !fd_within(fd, roots, 1, real));
	CHECK(u, strstr(real, "/dehors/secret.lgc") != NULL);
	if (fd >= 0)
		close(fd);

	/* A descriptor that no path names (a pipe) is never inside. */
	{
		int fds[2];

		CHECK(u, pipe(fds) == 0);
		CHECK(u, !fd_within(fds[0], roots, 1, real) && real[0] == '\0');
		close(fds[0]);
		close(fds[1]);
	}
	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, made[i]);
		CHECK(u, (i < 3 ? unlink(path) : rmdir(path)) == 0);
	}
	CHECK(u, rmdir(dir) == 0);
}

void
test_path(struct unit *u)
{
	test_lexical(u);
	test_descriptor(u);
}
