/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* The server's counters, written as Prometheus's text exposition
 * format (GET /metriques). */
#ifndef LGC_SERVER_METRICS_H
#define LGC_SERVER_METRICS_H

#include <stddef.h>

#include "server/util.h"

/* The routes, as the label "route" names them. */
enum route {
	ROUTE_MODELES,
	ROUTE_SCHEMA,
	ROUTE_RENDU,
	ROUTE_LOT,
	ROUTE_SANTE,
	ROUTE_METRIQUES,
	ROUTE_APERCU,
	ROUTE_FORMULAIRE,
	ROUTE_AUTRE,
	ROUTE__COUNT
};

/* Why a request failed, as the label "type" of lgc_erreurs_total. */
enum failure {
	FAILURE_CLIENT,		/* 4xx but 422: the request itself */
	FAILURE_DONNEES,	/* 422: the data */
	FAILURE_MODELE,		/* 503: the template has errors */
	FAILURE_INTERNE,	/* 500 */
	FAILURE__COUNT
};

struct metrics;

struct metrics *metrics_new(void);
void	metrics_free(struct metrics *m);
void	metrics_request(struct metrics *m, enum route r, unsigned status,
	    double seconds);
void	metrics_rendered(struct metrics *m, const char *format, size_t n);
void	metrics_write(struct metrics *m, struct sbuf *out, size_t templates,
	    size_t broken, unsigned in_flight);

#endif
