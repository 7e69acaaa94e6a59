/* SPDX-License-Identifier: Apache-2.0
 * Copyright 2026 The lgc authors */
/* lgc serve: the HTTP server on libmicrohttpd, its JSON API (docs/api.md,
 * docs/openapi.yaml), access log and graceful stop.  Each request renders
 * with its own clone (lgc_clone) of its template's checked compiler, on
 * a thread of libmicrohttpd's pool. */
#include "server/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "server/catalog.h"
#include "server/metrics.h"
#include "server/preview.h"
#include "server/util.h"

#define DEFAULT_PORT		8080
#define DEFAULT_ADDRESS		"127.0.0.1"
#define DEFAULT_BODY_LIMIT	(10u * 1024 * 1024)
#define DEFAULT_TIMEOUT		30	/* seconds of silence */
#define DEFAULT_CONNECTIONS	1000
/* A batch bigger than this is a job for `lgc build --lot`. */
#define LOT_MAX_RECORDS		10000
/* The date of every member of a batch's zip: the same records give the
 * same bytes (1980-01-01, the first date a zip can hold). */
#define ZIP_EPOCH		315532800

const char serve_help[] =
"usage : lgc serve [DOSSIER…] [--port N] [--adresse A] [-I DOSSIER]…\n"
"                 [--fils N] [--limite-corps TAILLE] [--delai SECONDES]\n"
"                 [--connexions N] [--limite NOM=TAILLE]…\n"
"\n"
"Sert par HTTP les modèles des dossiers (défaut : le dossier courant) :\n"
"chaque fichier .lgc qui a une ligne « modele » est un modèle, nommé par\n"
"son chemin relatif sans « .lgc » ; les autres sont des clauses. Un modèle\n"
"est vérifié au démarrage et de nouveau quand lui ou une de ses clauses\n"
"change ; les inclusions restent dans les dossiers servis et ceux de -I.\n"
"API JSON sous /api/v1/ (docs/api.md), /sante, /metriques ; aperçu en\n"
"direct pour les auteurs : /apercu/NOM. SIGTERM ou\n"
"SIGINT : n'accepte plus de connexion, finit les requêtes en cours, sort 0.\n"
"\n"
"  --port N               port TCP (défaut : 8080 ; 0 : un port libre)\n"
"  --adresse A            adresse d'écoute IPv4 ou IPv6 (défaut : 127.0.0.1 ;\n"
"                         0.0.0.0 : toutes)\n"
"  -I DOSSIER             dossier de clauses (répétable ; aussi LGC_PATH)\n"
"  --fils N               fils de traitement (défaut : un par cœur)\n"
"  --limite-corps TAILLE  corps de requête au plus (défaut : 10M ; K, M, G)\n"
"  --delai SECONDES       ferme une connexion muette depuis ce délai\n"
"                         (défaut : 30)\n"
"  --connexions N         connexions simultanées au plus (défaut : 1000)\n"
"  --limite NOM=TAILLE    limite valeur, texte ou noeuds d'un contrat\n"
"                         (répétable ; « lgc --help » donne les défauts)\n"
"\n"
"Journal des accès sur la sortie d'erreur, au format Combined Log Format.\n";

struct server {
	lgc_compiler	*c;
	struct catalog	*catalog;
	struct metrics	*metrics;
	struct preview	*preview;
	struct MHD_Daemon *daemon;
	size_t		 body_limit;
	atomic_uint	 in_flight;
	/* Connections open that have not sent a request line yet: a stop
	 * waits for their request too. */
	atomic_uint	 fresh;
	atomic_bool	 stopping;
	atomic_ullong	 served;
};

enum action {
	ACT_NONE,
	ACT_LIST,
	ACT_INFO,
	ACT_SCHEMA,
	ACT_RENDER,
	ACT_LOT,
	ACT_HEALTH,
	ACT_METRICS,
	ACT_FORM,
	ACT_PREVIEW,
	ACT_PREVIEW_DOCUMENT,
	ACT_PREVIEW_EVENTS
};

struct request {
	struct server	*srv;
	struct timespec	 start;
	char		*uri;		/* as received, for the log */
	char		*method;
	char		*version;
	char		*referer;
	char		*agent;
	char		 client[INET6_ADDRSTRLEN];
	bool		 started;
	bool		 responded;
	bool		 too_big;
	enum route	 route;
	enum action	 action;
	char		*name;		/* the template's, for ACT_INFO… */
	struct sbuf	 body;
	unsigned long long received;	/* body bytes, kept or not */
	unsigned	 status;
	size_t		 sent;
};

/* ---- Responses ---- */

static enum MHD_Result
reply(struct MHD_Connection *con, struct request *rq, unsigned status,
    const char *type, char *data, size_t len, const char *disposition,
    const char *allow)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (disposition != NULL)
		MHD_add_response_header(resp,
		    MHD_HTTP_HEADER_CONTENT_DISPOSITION, disposition);
	if (allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	/* Stopping: the client opens its next request elsewhere. */
	if (atomic_load(&rq->srv->stopping))
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION,
		    "close");
	ret = MHD_queue_response(con, status, resp);
	MHD_destroy_response(resp);
	rq->status = status;
	rq->sent = len;
	rq->responded = true;
	return ret;
}

static enum MHD_Result
reply_json(struct MHD_Connection *con, struct request *rq, unsigned status,
    json_t *body)
{
	char *text = json_dumps(body, JSON_INDENT(2));
	size_t len;

	json_decref(body);
	if (text == NULL)
		return MHD_NO;
	len = strlen(text);
	text = srv_realloc(text, len + 2);
	text[len++] = '\n';
	text[len] = '\0';
	return reply(con, rq, status, "application/json; charset=utf-8", text,
	    len, NULL, NULL);
}

/* {"erreur": MESSAGE, "statut": STATUS} and the diagnostics when any. */
static enum MHD_Result
reply_error(struct MHD_Connection *con, struct request *rq, unsigned status,
    const char *message, json_t *diagnostics)
{
	json_t *o = json_pack("{s:s, s:i}", "erreur", message, "statut",
	    (int)status);

	if (diagnostics != NULL)
		json_object_set_new(o, "diagnostics", diagnostics);
	return reply_json(con, rq, status, o);
}

static enum MHD_Result
reply_method(struct MHD_Connection *con, struct request *rq,
    const char *allow)
{
	char *msg = srv_printf("méthode %s non permise ici (permises : %s)",
	    rq->method, allow);
	json_t *o = json_pack("{s:s, s:i}", "erreur", msg, "statut", 405);
	char *text = json_dumps(o, JSON_INDENT(2)), *line;

	free(msg);
	json_decref(o);
	if (text == NULL)
		return MHD_NO;
	line = srv_printf("%s\n", text);
	free(text);
	return reply(con, rq, 405, "application/json; charset=utf-8", line,
	    strlen(line), NULL, allow);
}

/* ---- Templates ---- */

static json_t *
parse_or(const char *text, json_t *otherwise)
{
	json_t *j = text != NULL ? json_loads(text, 0, NULL) : NULL;

	if (j == NULL)
		return otherwise;
	json_decref(otherwise);
	return j;
}

/* The inputs of a template from its schema: name, JSON type, label,
 * whether required. */
static json_t *
inputs_of(const struct template *t)
{
	json_t *list = json_array(), *schema, *props, *req, *p;
	const char *key;

	if (t->schema == NULL)
		return list;
	schema = json_loads(t->schema, 0, NULL);
	props = json_object_get(schema, "properties");
	req = json_object_get(schema, "required");
	json_object_foreach(props, key, p) {
		json_t *one = json_pack("{s:s}", "nom", key), *type, *r;
		bool required = false;
		size_t i;

		type = json_object_get(p, "type");
		if (json_is_array(type)) {
			/* ["string", "null"]: the type and its being optional. */
			json_array_foreach(type, i, r)
				if (json_is_string(r) && strcmp(json_string_value(r),
				    "null") != 0)
					json_object_set(one, "type", r);
		} else if (type != NULL)
			json_object_set(one, "type", type);
		else if (json_object_get(p, "oneOf") != NULL ||
		    json_object_get(p, "enum") != NULL)
			json_object_set_new(one, "type", json_string("choix"));
		if (json_is_string(json_object_get(p, "format")))
			json_object_set(one, "format", json_object_get(p, "format"));
		if (json_is_string(json_object_get(p, "title")))
			json_object_set(one, "libelle", json_object_get(p, "title"));
		json_array_foreach(req, i, r)
			if (json_is_string(r) && strcmp(json_string_value(r),
			    key) == 0)
				required = true;
		json_object_set_new(one, "requis", json_boolean(required));
		if (json_object_get(p, "default") != NULL)
			json_object_set(one, "defaut", json_object_get(p, "default"));
		json_array_append_new(list, one);
	}
	json_decref(schema);
	return list;
}

static json_t *
describe(const struct template *t)
{
	json_t *o = json_pack("{s:s, s:s}", "nom", t->name, "etat",
	    t->failed ? "erreurs" : "pret");
	char *link;

	json_object_set_new(o, "titre", t->title != NULL ?
	    json_string(t->title) : json_null());
	json_object_set_new(o, "entrees", inputs_of(t));
	link = srv_printf("/api/v1/modeles/%s/schema", t->name);
	json_object_set_new(o, "schema", json_string(link));
	free(link);
	link = srv_printf("/api/v1/modeles/%s/rendu", t->name);
	json_object_set_new(o, "rendu", json_string(link));
	free(link);
	if (t->failed)
		json_object_set_new(o, "diagnostics",
		    parse_or(t->diagnostics, json_array()));
	return o;
}

static enum MHD_Result
list_templates(struct MHD_Connection *con, struct request *rq)
{
	size_t n, i;
	struct template **all = catalog_list(rq->srv->catalog, &n);
	json_t *list = json_array();

	for (i = 0; i < n; i++) {
		json_array_append_new(list, describe(all[i]));
		template_release(all[i]);
	}
	free(all);
	return reply_json(con, rq, 200, json_pack("{s:o}", "modeles", list));
}

static enum MHD_Result
unknown_template(struct MHD_Connection *con, struct request *rq)
{
	char *msg = srv_printf("modèle « %s » inconnu : GET /api/v1/modeles "
	    "donne la liste", rq->name);
	enum MHD_Result r = reply_error(con, rq, 404, msg, NULL);

	free(msg);
	return r;
}

static enum MHD_Result
broken_template(struct MHD_Connection *con, struct request *rq,
    const struct template *t)
{
	char *msg = srv_printf("le modèle « %s » a des erreurs : il ne peut "
	    "rien rendre avant d'être corrigé", t->name);
	enum MHD_Result r = reply_error(con, rq, 503, msg,
	    parse_or(t->diagnostics, json_array()));

	free(msg);
	return r;
}

static enum MHD_Result
template_info(struct MHD_Connection *con, struct request *rq, bool schema)
{
	struct template *t = catalog_get(rq->srv->catalog, rq->name);
	enum MHD_Result r;

	if (t == NULL)
		return unknown_template(con, rq);
	if (!schema)
		r = reply_json(con, rq, 200, describe(t));
	else if (t->failed)
		r = broken_template(con, rq, t);
	else
		r = reply(con, rq, 200, "application/schema+json; charset=utf-8",
		    srv_strdup(t->schema), strlen(t->schema), NULL, NULL);
	template_release(t);
	return r;
}

/* The questionnaire for people filling the contract (lgc_form). */
static enum MHD_Result
form_page(struct MHD_Connection *con, struct request *rq)
{
	struct template *t = catalog_get(rq->srv->catalog, rq->name);
	enum MHD_Result r;

	if (t == NULL)
		return unknown_template(con, rq);
	if (t->failed || t->form == NULL)
		r = broken_template(con, rq, t);
	else
		r = reply(con, rq, 200, "text/html; charset=utf-8",
		    srv_strdup(t->form), strlen(t->form), NULL, NULL);
	template_release(t);
	return r;
}

/* ---- Rendering ---- */

static const char *
content_type(const char *format)
{
	static const struct {
		const char *format, *type;
	} types[] = {
		{ "pdf", "application/pdf" },
		{ "html", "text/html; charset=utf-8" },
		{ "latex", "text/x-tex; charset=utf-8" },
		{ "docx", "application/vnd.openxmlformats-officedocument."
		    "wordprocessingml.document" },
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(types[i].format, format) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* The format asked for (?format=, default pdf) and its extension, or
 * NULL after a 400. */
static const char *
chosen_format(struct MHD_Connection *con, struct request *rq,
    const char **ext)
{
	const char *f = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND,
	    "format"), *name;
	struct sbuf names = { NULL, 0, 0 };
	size_t i;

	if (f == NULL || *f == '\0')
		f = "pdf";
	for (i = 0; (name = lgc_format_name(rq->srv->c, i)) != NULL; i++) {
		if (strcmp(name, f) == 0) {
			*ext = lgc_format_extension(rq->srv->c, i);
			free(names.data);
			return name;
		}
		sbuf_printf(&names, "%s%s", i > 0 ? ", " : "", name);
	}
	{
		char *msg = srv_printf("format « %s » inconnu (formats : %s)", f,
		    names.data != NULL ? names.data : "");

		reply_error(con, rq, 400, msg, NULL);
		free(msg);
	}
	free(names.data);
	return NULL;
}

/* A JSON body that jansson cannot read, or that is no object: a 400
 * (returns false after replying). */
static bool
check_json(struct MHD_Connection *con, struct request *rq, const char *text,
    size_t len, const char *what)
{
	json_error_t err;
	json_t *j = json_loadb(text, len, 0, &err);
	char *msg;

	if (j != NULL && json_is_object(j)) {
		json_decref(j);
		return true;
	}
	if (j != NULL)
		msg = srv_printf("%s doit être un objet JSON (les entrées du "
		    "modèle par nom)", what);
	else
		msg = srv_printf("%s n'est pas du JSON valide : ligne %d, "
		    "colonne %d (%s)", what, err.line, err.column, err.text);
	json_decref(j);
	reply_error(con, rq, 400, msg, NULL);
	free(msg);
	return false;
}

/* One rendering by a clone of T's compiler: the document, or NULL with
 * the diagnostics in DIAGS. */
static char *
render(const struct template *t, const char *format, const char *data,
    size_t len, const char *data_name, int record, size_t *out_len,
    json_t *diags, bool *fatal)
{
	lgc_compiler *k = lgc_clone(t->master, NULL);
	char *out = NULL;
	int status;

	lgc_set_diagnostic_handler(k, collect_diagnostic_json, diags);
	if (record > 0)
		lgc_set_record(k, data_name, record);
	status = lgc_load_data_string(k, data_name, data, len);
	if (status == LGC_OK)
		status = lgc_render(k, format, &out, out_len);
	*fatal = status == LGC_FATAL;
	lgc_free(k);
	if (status != LGC_OK) {
		free(out);
		return NULL;
	}
	return out;
}

static enum MHD_Result
render_one(struct MHD_Connection *con, struct request *rq)
{
	struct template *t;
	const char *format, *ext = "";
	json_t *diags;
	char *out, *disposition;
	size_t len = 0;
	bool fatal = false;
	enum MHD_Result r;

	if ((format = chosen_format(con, rq, &ext)) == NULL)
		return MHD_YES;
	if ((t = catalog_get(rq->srv->catalog, rq->name)) == NULL)
		return unknown_template(con, rq);
	if (t->failed) {
		r = broken_template(con, rq, t);
		template_release(t);
		return r;
	}
	if (!check_json(con, rq, rq->body.data != NULL ? rq->body.data : "",
	    rq->body.len, "le corps de la requête")) {
		template_release(t);
		return MHD_YES;
	}
	diags = json_array();
	out = render(t, format, rq->body.data, rq->body.len, "donnees.json", 0,
	    &len, diags, &fatal);
	if (out == NULL) {
		r = reply_error(con, rq, fatal ? 500 : 422, fatal ?
		    "le rendu a échoué (voir les diagnostics)" :
		    "les données ne conviennent pas au modèle", diags);
		template_release(t);
		return r;
	}
	json_decref(diags);
	metrics_rendered(rq->srv->metrics, format, 1);
	disposition = srv_printf("attachment; filename=\"%s%s\"", t->file_base,
	    ext);
	r = reply(con, rq, 200, content_type(format), out, len, disposition,
	    NULL);
	free(disposition);
	template_release(t);
	return r;
}

/* ---- Batches ---- */

/* The zip made in memory, or NULL. */
static char *
zip_close_to_memory(zip_t *za, zip_source_t *src, size_t *len)
{
	zip_stat_t st;
	char *data = NULL;

	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		data = srv_alloc(st.size + 1);
		if (zip_source_read(src, data, st.size) != (zip_int64_t)st.size) {
			free(data);
			data = NULL;
		}
		*len = st.size;
		zip_source_close(src);
	}
	zip_source_free(src);
	return data;
}

static bool
zip_put(zip_t *za, const char *name, char *data, size_t len)
{
	zip_source_t *s = zip_source_buffer(za, data, len, 1);
	zip_int64_t i;

	if (s == NULL) {
		free(data);
		return false;
	}
	if ((i = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return false;
	}
	return zip_file_set_mtime(za, (zip_uint64_t)i, ZIP_EPOCH, 0) == 0;
}

/* POST /api/v1/lot?modele=NOM&format=F: a JSONL body, one contract per
 * line, as a zip (0001.pdf, …; NNNN.erreurs.json for a record that
 * failed, with its diagnostics). */
static enum MHD_Result
render_lot(struct MHD_Connection *con, struct request *rq)
{
	const char *format, *ext = "", *p, *end;
	const char *name = MHD_lookup_connection_value(con,
	    MHD_GET_ARGUMENT_KIND, "modele");
	struct template *t;
	zip_source_t *src;
	zip_t *za;
	zip_error_t zerr;
	char *zipped, *failures, *member;
	size_t zlen = 0, records = 0, failed = 0;
	int line = 0;
	bool ok = true;
	enum MHD_Result r;

	if ((format = chosen_format(con, rq, &ext)) == NULL)
		return MHD_YES;
	if (name == NULL || *name == '\0')
		return reply_error(con, rq, 400, "paramètre « modele » manquant : "
		    "POST /api/v1/lot?modele=NOM&format=pdf", NULL);
	free(rq->name);
	rq->name = srv_strdup(name);
	if ((t = catalog_get(rq->srv->catalog, name)) == NULL)
		return unknown_template(con, rq);
	if (t->failed) {
		r = broken_template(con, rq, t);
		template_release(t);
		return r;
	}
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &zerr)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_TRUNCATE, &zerr)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		template_release(t);
		return reply_error(con, rq, 500, "archive zip impossible à créer",
		    NULL);
	}
	zip_error_fini(&zerr);
	zip_source_keep(src);
	p = rq->body.data != NULL ? rq->body.data : "";
	end = p + rq->body.len;
	while (p < end && ok) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *q;
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		json_t *diags;
		char *out;
		size_t len = 0;
		bool fatal = false;

		line++;
		for (q = p; q < p + n && (*q == ' ' || *q == '\t' ||
		    *q == '\r'); q++)
			;
		if (q == p + n) {
			p += n + 1;
			continue;
		}
		if (++records > LOT_MAX_RECORDS) {
			ok = false;
			break;
		}
		diags = json_array();
		out = render(t, format, p, n, "lot.jsonl", line, &len, diags,
		    &fatal);
		if (out != NULL) {
			member = srv_printf("%04zu%s", records, ext);
			ok = zip_put(za, member, out, len);
			metrics_rendered(rq->srv->metrics, format, 1);
		} else {
			char *text = json_dumps(diags, JSON_INDENT(2));

			failed++;
			member = srv_printf("%04zu.erreurs.json", records);
			ok = text != NULL && zip_put(za, member, text,
			    strlen(text));
		}
		free(member);
		json_decref(diags);
		p += n + 1;
	}
	template_release(t);
	if (records > LOT_MAX_RECORDS) {
		zip_discard(za);
		zip_source_free(src);
		return reply_error(con, rq, 413, "lot trop grand : au plus 10000 "
		    "enregistrements par requête (lgc build --lot pour plus)",
		    NULL);
	}
	if (!ok || (zipped = zip_close_to_memory(za, src, &zlen)) == NULL) {
		if (!ok) {
			zip_discard(za);
			zip_source_free(src);
		}
		return reply_error(con, rq, 500, "archive zip impossible à écrire",
		    NULL);
	}
	if (records == 0) {
		free(zipped);
		return reply_error(con, rq, 400, "lot vide : une ligne JSON par "
		    "contrat", NULL);
	}
	{
		struct MHD_Response *resp = MHD_create_response_from_buffer(zlen,
		    zipped, MHD_RESPMEM_MUST_FREE);
		char count[32];

		if (resp == NULL) {
			free(zipped);
			return MHD_NO;
		}
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		    "application/zip");
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
		    "attachment; filename=\"lot.zip\"");
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
		    "no-store");
		snprintf(count, sizeof(count), "%zu", records);
		MHD_add_response_header(resp, "X-Lgc-Enregistrements", count);
		failures = srv_printf("%zu", failed);
		MHD_add_response_header(resp, "X-Lgc-Echecs", failures);
		free(failures);
		if (atomic_load(&rq->srv->stopping))
			MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION,
			    "close");
		/* Every record refused: the data, not the server. */
		rq->status = failed == records ? 422 : 200;
		rq->sent = zlen;
		rq->responded = true;
		r = MHD_queue_response(con, rq->status, resp);
		MHD_destroy_response(resp);
		return r;
	}
}

/* ---- Health and metrics ---- */

static void
count_templates(struct server *srv, size_t *n, size_t *broken)
{
	struct template **all = catalog_list(srv->catalog, n);
	size_t i;

	*broken = 0;
	for (i = 0; i < *n; i++) {
		*broken += all[i]->failed;
		template_release(all[i]);
	}
	free(all);
}

static enum MHD_Result
health(struct MHD_Connection *con, struct request *rq)
{
	size_t n, broken;
	bool stopping = atomic_load(&rq->srv->stopping);

	count_templates(rq->srv, &n, &broken);
	return reply_json(con, rq, stopping ? 503 : 200,
	    json_pack("{s:s, s:b, s:b, s:i, s:i, s:s}", "statut",
	    stopping ? "arret" : "ok", "vivant", 1, "pret", !stopping,
	    "modeles", (int)n, "modeles_en_erreur", (int)broken, "version",
	    lgc_version()));
}

static enum MHD_Result
metrics_page(struct MHD_Connection *con, struct request *rq)
{
	struct sbuf out = { NULL, 0, 0 };
	size_t n, broken;

	count_templates(rq->srv, &n, &broken);
	metrics_write(rq->srv->metrics, &out, n, broken,
	    atomic_load(&rq->srv->in_flight));
	return reply(con, rq, 200, "text/plain; version=0.0.4; charset=utf-8",
	    out.data, out.len, NULL, NULL);
}

/* ---- Preview ---- */

static enum MHD_Result
preview(struct MHD_Connection *con, struct request *rq)
{
	struct preview_query q;
	struct template *t;
	const char *format = MHD_lookup_connection_value(con,
	    MHD_GET_ARGUMENT_KIND, "format");
	enum MHD_Result r;
	char *out, *disposition;
	size_t len = 0;

	if (rq->action == ACT_PREVIEW_EVENTS) {
		struct MHD_Response *resp = preview_events(rq->srv->preview, con);

		if (resp == NULL)
			return MHD_NO;
		r = MHD_queue_response(con, 200, resp);
		MHD_destroy_response(resp);
		rq->status = 200;
		rq->responded = true;
		return r;
	}
	q.data = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND,
	    "donnees");
	q.format = format != NULL && strcmp(format, "pdf") == 0 ? "pdf" :
	    "html";
	if ((t = catalog_get(rq->srv->catalog, rq->name)) == NULL)
		return unknown_template(con, rq);
	if (rq->action == ACT_PREVIEW) {
		out = preview_page(t, &q, &len);
		r = reply(con, rq, 200, "text/html; charset=utf-8", out, len,
		    NULL, NULL);
	} else if ((out = preview_document(t, &q, &len)) != NULL) {
		disposition = srv_printf("inline; filename=\"%s.%s\"",
		    t->file_base, q.format);
		r = reply(con, rq, 200, content_type(q.format), out, len,
		    disposition, NULL);
		free(disposition);
	} else
		r = reply_error(con, rq, 422, "le contrat ne peut pas être "
		    "rendu : la page d'aperçu donne les diagnostics", NULL);
	template_release(t);
	return r;
}

/* ---- Dispatch ---- */

static bool
ends_with(const char *s, const char *suffix, size_t *stem)
{
	size_t n = strlen(s), k = strlen(suffix);

	if (n <= k || strcmp(s + n - k, suffix) != 0)
		return false;
	*stem = n - k;
	return true;
}

/* Which route URL is, and the template it names. */
static void
route(struct request *rq, const char *url)
{
	static const char prefix[] = "/api/v1/modeles/";
	size_t stem;

	rq->route = ROUTE_AUTRE;
	rq->action = ACT_NONE;
	if (strcmp(url, "/api/v1/modeles") == 0 ||
	    strcmp(url, "/api/v1/modeles/") == 0) {
		rq->route = ROUTE_MODELES;
		rq->action = ACT_LIST;
	} else if (strncmp(url, prefix, sizeof(prefix) - 1) == 0) {
		const char *rest = url + sizeof(prefix) - 1;

		if (ends_with(rest, "/schema", &stem)) {
			rq->route = ROUTE_SCHEMA;
			rq->action = ACT_SCHEMA;
		} else if (ends_with(rest, "/rendu", &stem)) {
			rq->route = ROUTE_RENDU;
			rq->action = ACT_RENDER;
		} else {
			rq->route = ROUTE_MODELES;
			rq->action = ACT_INFO;
			stem = strlen(rest);
		}
		rq->name = srv_alloc(stem + 1);
		memcpy(rq->name, rest, stem);
	} else if (strncmp(url, "/apercu/", 8) == 0 && url[8] != '\0') {
		const char *rest = url + 8;

		rq->route = ROUTE_APERCU;
		if (ends_with(rest, "/document", &stem))
			rq->action = ACT_PREVIEW_DOCUMENT;
		else if (ends_with(rest, "/evenements", &stem))
			rq->action = ACT_PREVIEW_EVENTS;
		else {
			rq->action = ACT_PREVIEW;
			stem = strlen(rest);
		}
		rq->name = srv_alloc(stem + 1);
		memcpy(rq->name, rest, stem);
	} else if (strncmp(url, "/formulaire/", 12) == 0 && url[12] != '\0') {
		rq->route = ROUTE_FORMULAIRE;
		rq->action = ACT_FORM;
		rq->name = srv_strdup(url + 12);
	} else if (strcmp(url, "/api/v1/lot") == 0) {
		rq->route = ROUTE_LOT;
		rq->action = ACT_LOT;
	} else if (strcmp(url, "/sante") == 0) {
		rq->route = ROUTE_SANTE;
		rq->action = ACT_HEALTH;
	} else if (strcmp(url, "/metriques") == 0) {
		rq->route = ROUTE_METRIQUES;
		rq->action = ACT_METRICS;
	}
}

/* Whether the request's Content-Type is one of TYPES (parameters such
 * as "; charset=utf-8" allowed). */
static bool
has_type(struct MHD_Connection *con, const char *const *types)
{
	const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t n;

	if (ct == NULL)
		return false;
	for (; *types != NULL; types++) {
		n = strlen(*types);
		if (strncasecmp(ct, *types, n) == 0 && (ct[n] == '\0' ||
		    ct[n] == ';' || ct[n] == ' '))
			return true;
	}
	return false;
}

static enum MHD_Result
start(struct MHD_Connection *con, struct request *rq, const char *url)
{
	static const char *const json_types[] = { "application/json", NULL };
	static const char *const lines_types[] = { "application/x-ndjson",
	    "application/jsonl", "application/x-jsonlines", NULL };
	const char *len_header;
	bool get = strcmp(rq->method, "GET") == 0 ||
	    strcmp(rq->method, "HEAD") == 0;
	bool post = strcmp(rq->method, "POST") == 0;

	route(rq, url);
	switch (rq->action) {
	case ACT_NONE:
		return reply_error(con, rq, 404, "aucune ressource à cette "
		    "adresse (voir docs/api.md)", NULL);
	case ACT_LIST:
	case ACT_INFO:
	case ACT_SCHEMA:
	case ACT_HEALTH:
	case ACT_METRICS:
	case ACT_FORM:
	case ACT_PREVIEW:
	case ACT_PREVIEW_DOCUMENT:
	case ACT_PREVIEW_EVENTS:
		if (!get)
			return reply_method(con, rq, "GET, HEAD");
		switch (rq->action) {
		case ACT_PREVIEW:
		case ACT_PREVIEW_DOCUMENT:
		case ACT_PREVIEW_EVENTS:
			return preview(con, rq);
		case ACT_LIST:
			return list_templates(con, rq);
		case ACT_INFO:
			return template_info(con, rq, false);
		case ACT_SCHEMA:
			return template_info(con, rq, true);
		case ACT_HEALTH:
			return health(con, rq);
		case ACT_METRICS:
			return metrics_page(con, rq);
		case ACT_FORM:
			return form_page(con, rq);
		case ACT_NONE:
		case ACT_RENDER:
		case ACT_LOT:
			break;
		}
		return MHD_NO;
	case ACT_RENDER:
	case ACT_LOT:
		if (!post)
			return reply_method(con, rq, "POST");
		if (!has_type(con, rq->action == ACT_RENDER ? json_types :
		    lines_types))
			return reply_error(con, rq, 415, rq->action == ACT_RENDER ?
			    "le corps doit être de type application/json" :
			    "le corps doit être de type application/x-ndjson "
			    "(un objet JSON par ligne)", NULL);
		/* A body announced too big is refused at once when the client
		 * waits for "100 Continue" or when it is far too big to read;
		 * otherwise it is read and dropped before the 413, so that
		 * closing over unread bytes does not reset the connection
		 * under the client's feet and lose the answer. */
		len_header = MHD_lookup_connection_value(con, MHD_HEADER_KIND,
		    MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (len_header != NULL &&
		    strtoull(len_header, NULL, 10) > rq->srv->body_limit)
			rq->too_big = true;
		if (rq->too_big && (MHD_lookup_connection_value(con,
		    MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT) != NULL ||
		    strtoull(len_header, NULL, 10) / 4 > rq->srv->body_limit)) {
			char *msg = srv_printf("corps trop volumineux : au plus "
			    "%zu octets (--limite-corps)", rq->srv->body_limit);
			enum MHD_Result r = reply_error(con, rq, 413, msg, NULL);

			free(msg);
			return r;
		}
		return MHD_YES;		/* the body comes next */
	}
	return MHD_NO;
}

static char *
header_copy(struct MHD_Connection *con, const char *name)
{
	const char *v = MHD_lookup_connection_value(con, MHD_HEADER_KIND, name);

	return v != NULL ? srv_strdup(v) : NULL;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *con, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct request *rq = *con_cls;
	const union MHD_ConnectionInfo *info;

	(void)cls;
	if (rq == NULL)
		return MHD_NO;
	if (!rq->started) {
		rq->started = true;
		rq->method = srv_strdup(method);
		rq->version = srv_strdup(version);
		rq->referer = header_copy(con, MHD_HTTP_HEADER_REFERER);
		rq->agent = header_copy(con, MHD_HTTP_HEADER_USER_AGENT);
		info = MHD_get_connection_info(con,
		    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (info != NULL && info->client_addr != NULL) {
			const struct sockaddr *sa = info->client_addr;

			if (sa->sa_family == AF_INET)
				inet_ntop(AF_INET, &((const struct sockaddr_in *)
				    (const void *)sa)->sin_addr, rq->client,
				    sizeof(rq->client));
			else if (sa->sa_family == AF_INET6)
				inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
				    (const void *)sa)->sin6_addr, rq->client,
				    sizeof(rq->client));
		}
		return start(con, rq, url);
	}
	if (*upload_data_size > 0) {
		rq->received += *upload_data_size;
		/* A body far over the limit, sent in chunks without a length,
		 * is not read to its end: the connection is closed. */
		if (rq->received / 4 > rq->srv->body_limit) {
			rq->status = 413;	/* for the log */
			return MHD_NO;
		}
		if (!rq->too_big && rq->body.len + *upload_data_size >
		    rq->srv->body_limit)
			rq->too_big = true;
		if (!rq->too_big)
			sbuf_add(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (rq->responded)
		return MHD_YES;
	if (rq->too_big) {
		char *msg = srv_printf("corps trop volumineux : au plus %zu "
		    "octets (--limite-corps)", rq->srv->body_limit);
		enum MHD_Result r = reply_error(con, rq, 413, msg, NULL);

		free(msg);
		return r;
	}
	if (rq->action == ACT_RENDER)
		return render_one(con, rq);
	return render_lot(con, rq);
}

/* Per connection: whether it has sent a request yet. */
struct connection_state {
	bool	fresh;
};

static void
notify_connection(void *cls, struct MHD_Connection *con, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct server *srv = cls;
	struct connection_state *st = *socket_context;

	(void)con;
	switch (toe) {
	case MHD_CONNECTION_NOTIFY_STARTED:
		st = srv_alloc(sizeof(*st));
		st->fresh = true;
		*socket_context = st;
		atomic_fetch_add(&srv->fresh, 1);
		break;
	case MHD_CONNECTION_NOTIFY_CLOSED:
		if (st != NULL && st->fresh)
			atomic_fetch_sub(&srv->fresh, 1);
		free(st);
		*socket_context = NULL;
		break;
	}
}

/* The first sight of a request: its context, and the URI as received
 * (with its query) for the log. */
static void *
begin_request(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct server *srv = cls;
	struct request *rq = srv_alloc(sizeof(*rq));
	const union MHD_ConnectionInfo *info = MHD_get_connection_info(con,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	/* In flight from now on, before it stops being fresh: a stop never
	 * sees it in neither count. */
	atomic_fetch_add(&srv->in_flight, 1);
	if (info != NULL && info->socket_context != NULL) {
		struct connection_state *st = info->socket_context;

		if (st->fresh) {
			st->fresh = false;
			atomic_fetch_sub(&srv->fresh, 1);
		}
	}
	rq->srv = srv;
	rq->uri = srv_strdup(uri != NULL ? uri : "");
	rq->route = ROUTE_AUTRE;
	strcpy(rq->client, "-");
	clock_gettime(CLOCK_MONOTONIC, &rq->start);
	return rq;
}

/* A field of the log between quotes: quotes, backslashes and controls
 * escaped, as Apache does, so that a client cannot forge a line. */
static void
log_quoted(struct sbuf *b, const char *s)
{
	if (s == NULL) {
		sbuf_puts(b, "\"-\"");
		return;
	}
	sbuf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			sbuf_printf(b, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			sbuf_printf(b, "\\x%02x", ch);
		else
			sbuf_add(b, (const char *)&ch, 1);
	}
	sbuf_puts(b, "\"");
}

static void
end_request(void *cls, struct MHD_Connection *con, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct request *rq = *con_cls;
	struct timespec now;
	struct sbuf line = { NULL, 0, 0 };
	char date[64], *request_line;
	time_t t = time(NULL);
	struct tm tm;
	double seconds;

	(void)con;
	if (rq == NULL)
		return;
	*con_cls = NULL;
	clock_gettime(CLOCK_MONOTONIC, &now);
	seconds = (double)(now.tv_sec - rq->start.tv_sec) +
	    (double)(now.tv_nsec - rq->start.tv_nsec) / 1e9;
	if (rq->method == NULL)
		/* Refused by libmicrohttpd before lgc saw it (a malformed
		 * request line or header), which answers 400 or the like. */
		rq->status = 400;
	else if (!rq->responded && rq->status == 0)
		/* Closed before an answer: a client gone, or its silence past
		 * --delai (408, as Apache logs it). */
		rq->status = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ||
		    toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ||
		    toe == MHD_REQUEST_TERMINATED_READ_ERROR ? 408 : 500;
	metrics_request(srv->metrics, rq->route, rq->status, seconds);
	atomic_fetch_add(&srv->served, 1);
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%d/%b/%Y:%H:%M:%S +0000", &tm);
	request_line = srv_printf("%s %s %s", rq->method != NULL ? rq->method :
	    "-", rq->uri, rq->version != NULL ? rq->version : "-");
	sbuf_printf(&line, "%s - - [%s] ", rq->client, date);
	log_quoted(&line, request_line);
	sbuf_printf(&line, " %u %zu ", rq->status, rq->sent);
	log_quoted(&line, rq->referer);
	sbuf_puts(&line, " ");
	log_quoted(&line, rq->agent);
	sbuf_puts(&line, "\n");
	fwrite(line.data, 1, line.len, stderr);
	free(line.data);
	free(request_line);
	free(rq->uri);
	free(rq->method);
	free(rq->version);
	free(rq->referer);
	free(rq->agent);
	free(rq->name);
	free(rq->body.data);
	free(rq);
	atomic_fetch_sub(&srv->in_flight, 1);
}

/* ---- Options and life ---- */

struct serve_options {
	const char	**folders;
	size_t		 nfolders;
	const char	**search;
	size_t		 nsearch;
	const char	**limits;
	size_t		 nlimits;
	unsigned	 port;
	const char	*address;
	unsigned	 threads;
	size_t		 body_limit;
	unsigned	 timeout;
	unsigned	 connections;
};

static bool
number(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || v > max)
		return false;
	switch (*end) {
	case 'K': v *= 1024; end++; break;
	case 'M': v *= 1024 * 1024; end++; break;
	case 'G': v *= 1024ULL * 1024 * 1024; end++; break;
	default: break;
	}
	if (*end != '\0' || v > max)
		return false;
	*out = v;
	return true;
}

static int
bad_value(lgc_compiler *c, const char *option, const char *value,
    const char *expected)
{
	return lgc_report(c, "usage", "lgc serve : %s « %s » : %s attendu ; "
	    "« lgc serve --help » décrit les options", option,
	    value != NULL ? value : "", expected);
}

static int
parse_options(lgc_compiler *c, int argc, char **argv,
    struct serve_options *o)
{
	int i;
	unsigned long long v;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		const char *eq = strchr(a, '=');
		char opt[64];

		if (strncmp(a, "--", 2) == 0 && eq != NULL &&
		    (size_t)(eq - a) < sizeof(opt)) {
			memcpy(opt, a, (size_t)(eq - a));
			opt[eq - a] = '\0';
			val = eq + 1;
			a = opt;
		}
#define VALUE()	(val != NULL ? val : i + 1 < argc ? argv[++i] : NULL)
		if (strcmp(a, "--port") == 0) {
			val = VALUE();
			if (!number(val, 65535, &v))
				return bad_value(c, "--port", val,
				    "un port de 0 à 65535");
			o->port = (unsigned)v;
		} else if (strcmp(a, "--adresse") == 0) {
			if ((o->address = VALUE()) == NULL)
				return bad_value(c, a, NULL, "une adresse");
		} else if (strcmp(a, "--fils") == 0) {
			val = VALUE();
			if (!number(val, 1024, &v) || v == 0)
				return bad_value(c, a, val, "un nombre de 1 à 1024");
			o->threads = (unsigned)v;
		} else if (strcmp(a, "--limite-corps") == 0) {
			val = VALUE();
			if (!number(val, 1ULL << 32, &v) || v == 0)
				return bad_value(c, a, val,
				    "une taille (K, M ou G) jusqu'à 4G");
			o->body_limit = (size_t)v;
		} else if (strcmp(a, "--delai") == 0) {
			val = VALUE();
			if (!number(val, 86400, &v) || v == 0)
				return bad_value(c, a, val, "des secondes, de 1 à "
				    "86400");
			o->timeout = (unsigned)v;
		} else if (strcmp(a, "--connexions") == 0) {
			val = VALUE();
			if (!number(val, 100000, &v) || v == 0)
				return bad_value(c, a, val, "un nombre de 1 à 100000");
			o->connections = (unsigned)v;
		} else if (strcmp(a, "--format-diagnostics") == 0) {
			(void)VALUE();	/* main() applied it */
		} else if (strcmp(a, "--limite") == 0) {
			char *name;
			int st;

			val = VALUE();
			if (val == NULL || strchr(val, '=') == NULL)
				return bad_value(c, a, val, "NOM=TAILLE");
			name = srv_printf("limite-%.*s",
			    (int)(strchr(val, '=') - val), val);
			st = lgc_set_option(c, name, strchr(val, '=') + 1);
			free(name);
			if (st != LGC_OK)
				return st;
			o->limits[o->nlimits++] = val;
		} else if (strncmp(a, "-I", 2) == 0) {
			const char *dir = a[2] != '\0' ? a + 2 :
			    i + 1 < argc ? argv[++i] : NULL;
			struct stat st;

			if (dir == NULL)
				return bad_value(c, "-I", NULL, "un dossier");
			if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
				return lgc_report_file(c, "dossier-introuvable",
				    dir, "-I %s : dossier de clauses introuvable",
				    dir);
			o->search[o->nsearch++] = dir;
		} else if (a[0] == '-' && a[1] != '\0') {
			return lgc_report(c, "usage", "lgc serve : option inconnue "
			    "« %s » ; « lgc serve --help » décrit les options",
			    argv[i]);
		} else
			o->folders[o->nfolders++] = a;
#undef VALUE
	}
	return LGC_OK;
}

/* LGC_PATH's folders that exist, after -I's, as the command line has
 * them. */
static char *
add_lgc_path(struct serve_options *o)
{
	const char *env = getenv("LGC_PATH");
	char *copy, *dir, *save = NULL;
	struct stat st;

	if (env == NULL || *env == '\0')
		return NULL;
	copy = srv_strdup(env);
	for (dir = strtok_r(copy, ":", &save); dir != NULL;
	    dir = strtok_r(NULL, ":", &save))
		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
			o->search[o->nsearch++] = dir;
	return copy;
}

/* lgc's clause library found from this program, as the command line
 * finds it: beside it in a source tree (stdlib/), or installed
 * (PREFIX/libexec/lgc/lgc-serve and PREFIX/share/lgc/stdlib).  OWNED
 * receives the strings to free. */
static void
add_own_library(struct serve_options *o, char **owned, size_t *nowned)
{
	static const char *const places[] = {
		"stdlib", "../share/lgc/stdlib", "../../share/lgc/stdlib"
	};
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	size_t i;

	if (n <= 0)
		return;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return;
	*slash = '\0';
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		char *dir = srv_printf("%s/%s", exe, places[i]);
		struct stat st;

		if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
			owned[(*nowned)++] = dir;
			o->search[o->nsearch++] = dir;
		} else
			free(dir);
	}
}

/* Room for --connexions sockets and the files a rendering opens: the
 * usual soft limit of 1,024 descriptors is raised up to the hard one. */
static void
raise_file_limit(unsigned connections)
{
	struct rlimit rl;
	rlim_t want = (rlim_t)connections + 128;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ?
	    want : rl.rlim_max;
	(void)setrlimit(RLIMIT_NOFILE, &rl);
}

static struct MHD_Daemon *
start_daemon(struct server *srv, const struct serve_options *o, int *err)
{
	struct sockaddr_in v4;
	struct sockaddr_in6 v6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC |
	    MHD_ALLOW_SUSPEND_RESUME;
	struct MHD_Daemon *d;

	memset(&v4, 0, sizeof(v4));
	memset(&v6, 0, sizeof(v6));
	if (inet_pton(AF_INET, o->address, &v4.sin_addr) == 1) {
		v4.sin_family = AF_INET;
		v4.sin_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&v4;
	} else if (inet_pton(AF_INET6, o->address, &v6.sin6_addr) == 1) {
		v6.sin6_family = AF_INET6;
		v6.sin6_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&v6;
		flags |= MHD_USE_IPv6;
	} else {
		*err = EINVAL;
		return NULL;
	}
	raise_file_limit(o->connections);
	errno = 0;
	d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, srv,
	    MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->connections,
	    MHD_OPTION_URI_LOG_CALLBACK, begin_request, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, end_request, srv,
	    MHD_OPTION_NOTIFY_CONNECTION, notify_connection, srv,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
	    MHD_OPTION_END);
	*err = errno != 0 ? errno : EADDRINUSE;
	return d;
}

/* Stops listening without losing a connection: those the kernel
 * already accepted, waiting in the listen queue, are taken and handed
 * to the daemon before the socket stops listening (which would reset
 * them).  Returns the socket, to be closed only once the daemon has
 * stopped: its worker threads take it out of their epoll sets in their
 * own time after MHD_quiesce_daemon, and closing it under them would
 * let them touch another file by the same number (ThreadSanitizer saw
 * it).  shutdown(2) stops listening at once without freeing the
 * number: a new connection is refused, as it was by close. */
static MHD_socket
drain(struct server *srv)
{
	MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
	struct sockaddr_storage addr;
	socklen_t len = sizeof(addr);
	int client;

	if (fd == MHD_INVALID_SOCKET)
		return fd;
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	while ((client = accept(fd, (struct sockaddr *)&addr, &len)) >= 0) {
		(void)fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK);
		(void)fcntl(client, F_SETFD, FD_CLOEXEC);
		if (MHD_add_connection(srv->daemon, client,
		    (struct sockaddr *)&addr, len) != MHD_YES)
			close(client);
		len = sizeof(addr);
	}
	(void)shutdown(fd, SHUT_RDWR);
	return fd;
}

int
serve_main(lgc_compiler *c, int argc, char **argv)
{
	struct serve_options o;
	struct catalog_setup setup;
	struct server srv;
	const union MHD_DaemonInfo *info;
	sigset_t stop;
	char *path_copy, *owned[3];
	size_t n = (size_t)argc + 1, ntemplates, broken, nowned = 0, i;
	int status, sig, err = 0;
	MHD_socket listener;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	struct timespec tick = { 0, 10 * 1000 * 1000 };
	time_t deadline;

	memset(&o, 0, sizeof(o));
	o.folders = srv_alloc(n * sizeof(*o.folders));
	{
		/* -I's, LGC_PATH's folders, and the clause library's places. */
		const char *env = getenv("LGC_PATH"), *ch;
		size_t folders = 1;

		for (ch = env; ch != NULL && *ch != '\0'; ch++)
			folders += *ch == ':';
		o.search = srv_alloc((n + folders + 4) * sizeof(*o.search));
	}
	o.limits = srv_alloc(n * sizeof(*o.limits));
	o.port = DEFAULT_PORT;
	o.address = DEFAULT_ADDRESS;
	o.threads = cores > 0 ? (unsigned)cores : 1;
	o.body_limit = DEFAULT_BODY_LIMIT;
	o.timeout = DEFAULT_TIMEOUT;
	o.connections = DEFAULT_CONNECTIONS;
	status = parse_options(c, argc, argv, &o);
	path_copy = status == LGC_OK ? add_lgc_path(&o) : NULL;
	if (status == LGC_OK)
		add_own_library(&o, owned, &nowned);
	if (status == LGC_OK && o.nfolders == 0)
		o.folders[o.nfolders++] = ".";
	memset(&srv, 0, sizeof(srv));
	srv.c = c;
	srv.body_limit = o.body_limit;
	if (status == LGC_OK) {
		setup.folders = o.folders;
		setup.nfolders = o.nfolders;
		setup.search = o.search;
		setup.nsearch = o.nsearch;
		setup.limits = o.limits;
		setup.nlimits = o.nlimits;
		if ((srv.catalog = catalog_new(c, &setup)) == NULL)
			status = LGC_FATAL;
	}
	if (status != LGC_OK)
		goto done;
	/* The pool's threads and the preview's inherit this mask: the
	 * signals to stop come to sigwait below, never into the middle of
	 * a rendering. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	srv.metrics = metrics_new();
	{
		const char **watched = srv_alloc((o.nfolders + o.nsearch + 1) *
		    sizeof(*watched));

		memcpy(watched, o.folders, o.nfolders * sizeof(*watched));
		memcpy(watched + o.nfolders, o.search, o.nsearch *
		    sizeof(*watched));
		srv.preview = preview_new(watched, o.nfolders + o.nsearch);
		free(watched);
	}
	if ((srv.daemon = start_daemon(&srv, &o, &err)) == NULL) {
		status = lgc_report(c, "entree-sortie", "lgc serve : écoute "
		    "impossible sur %s port %u : %s", o.address, o.port,
		    lgc_strerror(err));
		goto done;
	}
	info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
	count_templates(&srv, &ntemplates, &broken);
	fprintf(stderr, "lgc serve : http://%s%s%s:%u/ : %zu modèle%s (%zu en "
	    "erreur), %u fil%s\n", strchr(o.address, ':') ? "[" : "", o.address,
	    strchr(o.address, ':') ? "]" : "",
	    info != NULL ? (unsigned)info->port : o.port, ntemplates,
	    ntemplates > 1 ? "s" : "", broken, o.threads,
	    o.threads > 1 ? "s" : "");
	{
		struct template **all = catalog_list(srv.catalog, &ntemplates);
		size_t i;

		/* Said at once: an operator starting the server sees which
		 * templates will answer 503. */
		for (i = 0; i < ntemplates; i++) {
			if (all[i]->failed)
				fprintf(stderr, "lgc serve : le modèle « %s » a des "
				    "erreurs (GET /api/v1/modeles/%s les donne)\n",
				    all[i]->name, all[i]->name);
			template_release(all[i]);
		}
		free(all);
	}
	fflush(stderr);
	while (sigwait(&stop, &sig) != 0)
		;
	/* No new connection; the requests received are finished and
	 * answered, within --delai, then the daemon stops. */
	atomic_store(&srv.stopping, true);
	/* The previews' event streams end: they would hold the stop. */
	preview_stop(srv.preview);
	listener = drain(&srv);
	deadline = time(NULL) + (time_t)o.timeout;
	while ((atomic_load(&srv.in_flight) > 0 ||
	    atomic_load(&srv.fresh) > 0) && time(NULL) < deadline)
		nanosleep(&tick, NULL);
	MHD_stop_daemon(srv.daemon);
	if (listener != MHD_INVALID_SOCKET)
		close(listener);
	fprintf(stderr, "lgc serve : arrêté (%s), %llu requête%s servie%s\n",
	    sig == SIGTERM ? "SIGTERM" : "SIGINT",
	    (unsigned long long)atomic_load(&srv.served),
	    atomic_load(&srv.served) > 1 ? "s" : "",
	    atomic_load(&srv.served) > 1 ? "s" : "");
done:
	catalog_free(srv.catalog);
	metrics_free(srv.metrics);
	preview_free(srv.preview);
	free(path_copy);
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(o.folders);
	free(o.search);
	free(o.limits);
	return status;
}
