/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
#include "server/metrics.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Latency buckets in seconds, Prometheus's defaults shifted down: a
 * rendering is a matter of milliseconds. */
static const double bounds[] = {
	0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
};
#define NBOUNDS	(sizeof(bounds) / sizeof(bounds[0]))

static const char *const route_names[ROUTE__COUNT] = {
	[ROUTE_MODELES] = "modeles",
	[ROUTE_SCHEMA] = "schema",
	[ROUTE_RENDU] = "rendu",
	[ROUTE_LOT] = "lot",
	[ROUTE_SANTE] = "sante",
	[ROUTE_METRIQUES] = "metriques",
	[ROUTE_APERCU] = "apercu",
	[ROUTE_FORMULAIRE] = "formulaire",
	[ROUTE_AUTRE] = "autre",
};

static const char *const failure_names[FAILURE__COUNT] = {
	[FAILURE_CLIENT] = "requete",
	[FAILURE_DONNEES] = "donnees",
	[FAILURE_MODELE] = "modele",
	[FAILURE_INTERNE] = "interne",
};

/* Statuses counted one by one, 100 to 599. */
#define STATUS_MIN	100
#define STATUS_MAX	599

#define MAX_FORMATS	8

struct metrics {
	pthread_mutex_t	 lock;
	unsigned long long requests[ROUTE__COUNT][STATUS_MAX - STATUS_MIN + 1];
	unsigned long long buckets[ROUTE__COUNT][NBOUNDS];
	unsigned long long count[ROUTE__COUNT];
	double		 sum[ROUTE__COUNT];
	unsigned long long failures[FAILURE__COUNT];
	char		 formats[MAX_FORMATS][16];
	unsigned long long rendered[MAX_FORMATS];
};

struct metrics *
metrics_new(void)
{
	struct metrics *m = srv_alloc(sizeof(*m));

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void
metrics_free(struct metrics *m)
{
	if (m == NULL)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

void
metrics_request(struct metrics *m, enum route r, unsigned status,
    double seconds)
{
	size_t i;

	if (status < STATUS_MIN || status > STATUS_MAX)
		status = 500;
	pthread_mutex_lock(&m->lock);
	m->requests[r][status - STATUS_MIN]++;
	for (i = 0; i < NBOUNDS; i++)
		if (seconds <= bounds[i])
			m->buckets[r][i]++;
	m->count[r]++;
	m->sum[r] += seconds;
	if (status == 422)
		m->failures[FAILURE_DONNEES]++;
	else if (status == 503)
		m->failures[FAILURE_MODELE]++;
	else if (status >= 500)
		m->failures[FAILURE_INTERNE]++;
	else if (status >= 400)
		m->failures[FAILURE_CLIENT]++;
	pthread_mutex_unlock(&m->lock);
}

void
metrics_rendered(struct metrics *m, const char *format, size_t n)
{
	size_t i;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < MAX_FORMATS; i++) {
		if (m->formats[i][0] == '\0')
			snprintf(m->formats[i], sizeof(m->formats[i]), "%s",
			    format);
		if (strcmp(m->formats[i], format) == 0) {
			m->rendered[i] += n;
			break;
		}
	}
	pthread_mutex_unlock(&m->lock);
}

void
metrics_write(struct metrics *m, struct sbuf *out, size_t templates,
    size_t broken, unsigned in_flight)
{
	size_t r, i;

	pthread_mutex_lock(&m->lock);
	sbuf_puts(out, "# HELP lgc_http_requetes_total Requêtes HTTP servies, "
	    "par route et statut.\n# TYPE lgc_http_requetes_total counter\n");
	for (r = 0; r < ROUTE__COUNT; r++)
		for (i = 0; i <= STATUS_MAX - STATUS_MIN; i++)
			if (m->requests[r][i] != 0)
				sbuf_printf(out, "lgc_http_requetes_total{route=\"%s\","
				    "statut=\"%zu\"} %llu\n", route_names[r],
				    i + STATUS_MIN, m->requests[r][i]);
	sbuf_puts(out, "# HELP lgc_http_duree_secondes Durée des requêtes, de "
	    "la première ligne reçue à la réponse envoyée.\n"
	    "# TYPE lgc_http_duree_secondes histogram\n");
	for (r = 0; r < ROUTE__COUNT; r++) {
		if (m->count[r] == 0)
			continue;
		for (i = 0; i < NBOUNDS; i++)
			sbuf_printf(out, "lgc_http_duree_secondes_bucket{route="
			    "\"%s\",le=\"%g\"} %llu\n", route_names[r], bounds[i],
			    m->buckets[r][i]);
		sbuf_printf(out, "lgc_http_duree_secondes_bucket{route=\"%s\","
		    "le=\"+Inf\"} %llu\n", route_names[r], m->count[r]);
		sbuf_printf(out, "lgc_http_duree_secondes_sum{route=\"%s\"} %.6f\n",
		    route_names[r], m->sum[r]);
		sbuf_printf(out, "lgc_http_duree_secondes_count{route=\"%s\"} "
		    "%llu\n", route_names[r], m->count[r]);
	}
	sbuf_puts(out, "# HELP lgc_documents_rendus_total Documents rendus, par "
	    "format.\n# TYPE lgc_documents_rendus_total counter\n");
	for (i = 0; i < MAX_FORMATS && m->formats[i][0] != '\0'; i++)
		sbuf_printf(out, "lgc_documents_rendus_total{format=\"%s\"} %llu\n",
		    m->formats[i], m->rendered[i]);
	sbuf_puts(out, "# HELP lgc_erreurs_total Requêtes en échec, par cause.\n"
	    "# TYPE lgc_erreurs_total counter\n");
	for (i = 0; i < FAILURE__COUNT; i++)
		sbuf_printf(out, "lgc_erreurs_total{type=\"%s\"} %llu\n",
		    failure_names[i], m->failures[i]);
	pthread_mutex_unlock(&m->lock);
	sbuf_printf(out, "# HELP lgc_modeles Modèles servis.\n"
	    "# TYPE lgc_modeles gauge\nlgc_modeles %zu\n"
	    "# HELP lgc_modeles_en_erreur Modèles servis dont la vérification "
	    "échoue.\n# TYPE lgc_modeles_en_erreur gauge\n"
	    "lgc_modeles_en_erreur %zu\n"
	    "# HELP lgc_requetes_en_cours Requêtes en cours.\n"
	    "# TYPE lgc_requetes_en_cours gauge\nlgc_requetes_en_cours %u\n",
	    templates, broken, in_flight);
}
