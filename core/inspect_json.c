/* inspect_json.c - `csrlint inspect --format json`: the content of the text report as a jansson
 * object, and the DER tree as an array of nodes. Field names are documented in
 * core/inspect-json.md. Values come raw where JSON can carry them (jansson escapes), hex where
 * they are bytes; the challengePassword is never included, only its length. */
#include <string.h>

#include "inspect.h"
#include "inspect_util.h"

/* Bytes of hex per node in the tree form: enough to recognise a value; the text form of the
 * CSR carries whole keys and signatures. */
#define NODE_HEX_MAX 256u

/* Out-of-memory tracking, so that the builders stay linear: any failed allocation makes the
 * whole result NULL at the end instead of a silently incomplete document. */
struct jb {
	int oom;
};

static void set(struct jb *j, json_t *o, const char *key, json_t *v)
{
	if (!v || !o || json_object_set_new(o, key, v) != 0)
		j->oom = 1;
}

static void add(struct jb *j, json_t *a, json_t *v)
{
	if (!v || !a || json_array_append_new(a, v) != 0)
		j->oom = 1;
}

/* A JSON string of p[0..len); bytes that are not UTF-8 are shown escaped (\xNN) instead of
 * failing, since a CSR may carry anything. */
static json_t *jstrn(const void *p, size_t len)
{
	char buf[4200];
	json_t *s = json_stringn(p, len);

	if (s)
		return s;
	return json_string(csrl_escape(buf, sizeof buf, p, len, 0, 1024));
}

static json_t *jstr(const char *s)
{
	return s ? jstrn(s, strlen(s)) : json_null();
}

static json_t *jhex(const uint8_t *p, size_t len, size_t max)
{
	char *h = csrl_hex_alloc(p, len, max);
	json_t *s = h ? json_string(h) : NULL;

	free(h);
	return s;
}

static json_t *jdotted(struct csrl_bytes oid)
{
	char buf[256];

	csrl_oid_to_dotted(oid.p, oid.len, buf, sizeof buf);
	return json_string(buf);
}

static json_t *jname(struct csrl_bytes oid)
{
	const struct csrl_oid_info *info = csrl_oid_lookup(oid.p, oid.len);

	return info ? json_string(info->name) : json_null();
}

/* ---- subject and key ------------------------------------------------------------------ */

static json_t *ava_json(struct jb *j, const struct csrl_ava *a)
{
	json_t *o = json_object();
	char tag[48];
	const char *type = a->value_cls == CSRL_CLASS_UNIVERSAL ?
		csrl_universal_name(a->string_tag) : NULL;

	if (!type && a->value_node)
		type = csrl_tag_text(tag, sizeof tag, a->value_node);
	set(j, o, "oid", jdotted(a->oid));
	set(j, o, "name", a->name ? json_string(a->name) : json_null());
	set(j, o, "type", jstr(type));
	set(j, o, "value", jstr(a->utf8));
	set(j, o, "offset", json_integer(a->value_node ? (json_int_t)a->value_node->offset : 0));
	set(j, o, "length", json_integer((json_int_t)a->value.len));
	return o;
}

static json_t *name_json(struct jb *j, const struct csrl_name *name)
{
	json_t *o = json_object(), *rdns = json_array();
	char buf[4096];
	size_t i, k;

	csrl_name_to_string(name, buf, sizeof buf);
	set(j, o, "rfc4514", jstr(buf));
	for (i = 0; i < name->nrdns; i++) {
		json_t *rdn = json_array();

		for (k = 0; k < name->rdns[i].navas; k++)
			add(j, rdn, ava_json(j, &name->rdns[i].avas[k]));
		add(j, rdns, rdn);
	}
	set(j, o, "rdns", rdns);
	return o;
}

static json_t *pss_json(struct jb *j, const struct csrl_pss *pss, int ok)
{
	json_t *o = json_object();

	set(j, o, "hash", json_string(csrl_hash_name(pss->hash)));
	set(j, o, "mgf", json_string(pss->mgf_known ? "mgf1" : "unknown"));
	set(j, o, "mgf_hash", pss->mgf_known ? json_string(csrl_hash_name(pss->mgf_hash)) :
		json_null());
	set(j, o, "salt_length", pss->salt_len >= 0 ? json_integer(pss->salt_len) : json_null());
	set(j, o, "trailer", json_integer(pss->trailer));
	set(j, o, "params_ok", json_boolean(ok));
	return o;
}

static void key_fields(struct jb *j, json_t *o, const struct csrl_pubkey *k)
{
	char dec[1400];
	struct csrl_bytes b;

	switch (k->type) {
	case CSRL_KEY_RSA:
	case CSRL_KEY_RSA_PSS:
		b = csrl_strip_zeros(k->rsa_n);
		set(j, o, "modulus", jhex(b.p, b.len, CSRL_INSPECT_MAX_HEX));
		csrl_uint_decimal(k->rsa_e, dec, sizeof dec);
		set(j, o, "exponent", json_string(dec));
		if (k->rsa_pss_has_params)
			set(j, o, "pss", pss_json(j, &k->rsa_pss, 1));
		break;
	case CSRL_KEY_EC:
		set(j, o, "point", jhex(k->ec_point.p, k->ec_point.len, CSRL_INSPECT_MAX_HEX));
		break;
	case CSRL_KEY_DSA:
		b = csrl_strip_zeros(k->dsa_y);
		set(j, o, "y", jhex(b.p, b.len, CSRL_INSPECT_MAX_HEX));
		if (k->dsa_p.len) {
			b = csrl_strip_zeros(k->dsa_p);
			set(j, o, "p", jhex(b.p, b.len, CSRL_INSPECT_MAX_HEX));
			b = csrl_strip_zeros(k->dsa_q);
			set(j, o, "q", jhex(b.p, b.len, CSRL_INSPECT_MAX_HEX));
			b = csrl_strip_zeros(k->dsa_g);
			set(j, o, "g", jhex(b.p, b.len, CSRL_INSPECT_MAX_HEX));
		}
		break;
	default:
		set(j, o, "key", jhex(k->key.p, k->key.len, CSRL_INSPECT_MAX_HEX));
		break;
	}
}

static json_t *key_json(struct jb *j, const struct csrl_pubkey *k)
{
	json_t *o = json_object();

	set(j, o, "type", json_string(csrl_key_type_name(k->type)));
	set(j, o, "algorithm_oid", jdotted(k->alg_oid));
	set(j, o, "algorithm", jname(k->alg_oid));
	set(j, o, "bits", k->bits ? json_integer(k->bits) : json_null());
	set(j, o, "curve", k->type == CSRL_KEY_EC ? json_string(csrl_curve_name(k->curve)) :
		json_null());
	if (k->curve_oid.len)
		set(j, o, "curve_oid", jdotted(k->curve_oid));
	set(j, o, "decoded", json_boolean(k->decoded));
	if (k->decoded)
		key_fields(j, o, k);
	else
		set(j, o, "key", jhex(k->key.p, k->key.len, CSRL_INSPECT_MAX_HEX));
	set(j, o, "spki_sha256", jhex(k->spki_sha256, sizeof k->spki_sha256, 32));
	set(j, o, "offset", json_integer(k->node ? (json_int_t)k->node->offset : 0));
	return o;
}

/* ---- attributes and extensions -------------------------------------------------------- */

static json_t *attr_json(struct jb *j, const struct csrl_attr *a)
{
	json_t *o = json_object();
	const struct csrl_node *v = a->first_value;

	set(j, o, "oid", jdotted(a->oid));
	set(j, o, "name", a->name ? json_string(a->name) : json_null());
	set(j, o, "values", json_integer((json_int_t)a->nvalues));
	if (a->kind == CSRL_ATTR_CHALLENGE_PASSWORD) {
		/* Never the secret: only whether it is there and how long it is. */
		set(j, o, "redacted", json_true());
		set(j, o, "length", json_integer(a->text ? (json_int_t)csrl_utf8_chars(a->text) :
						 v ? (json_int_t)v->len : 0));
	} else if (a->text) {
		set(j, o, "value", jstr(a->text));
	} else if (v && a->kind != CSRL_ATTR_EXTENSION_REQUEST) {
		set(j, o, "value", json_null());
		set(j, o, "hex", jhex(v->content - v->hdr_len, v->hdr_len + v->len,
				      CSRL_INSPECT_MAX_HEX));
	}
	set(j, o, "offset", json_integer(a->node ? (json_int_t)a->node->offset : 0));
	return o;
}

static json_t *gname_json(struct jb *j, const struct csrl_gname *g)
{
	json_t *o = json_object();
	char buf[4200];

	set(j, o, "type", json_string(csrl_gname_key(g->type)));
	switch (g->type) {
	case CSRL_GN_EMAIL:
	case CSRL_GN_DNS:
	case CSRL_GN_URI:
		set(j, o, "value", jstrn(g->value.p, g->value.len));
		break;
	case CSRL_GN_OTHER:
		if (g->other_oid.len) {
			set(j, o, "oid", jdotted(g->other_oid));
			set(j, o, "value", jstr(csrl_othername_value(buf, sizeof buf, g)));
			break;
		}
		set(j, o, "value", jstr(csrl_gname_value(buf, sizeof buf, g)));
		break;
	default:
		set(j, o, "value", jstr(csrl_gname_value(buf, sizeof buf, g)));
		break;
	}
	return o;
}

static json_t *ext_value_json(struct jb *j, const struct csrl_ext *e)
{
	json_t *v = NULL;
	size_t i;

	if (!e->decoded)
		e = NULL;
	switch (e ? e->kind : CSRL_EXT_UNKNOWN) {
	case CSRL_EXT_SAN:
		v = json_array();
		for (i = 0; i < e->nnames; i++)
			add(j, v, gname_json(j, &e->names[i]));
		return v;
	case CSRL_EXT_KEY_USAGE:
		v = json_array();
		for (i = 0; i < e->key_usage_nbits && i < 32; i++)
			if (e->key_usage & (1u << i))
				add(j, v, csrl_ku_name((unsigned)i, 1) ?
				    json_string(csrl_ku_name((unsigned)i, 1)) :
				    json_sprintf("bit %zu", i));
		return v;
	case CSRL_EXT_EXT_KEY_USAGE:
		v = json_array();
		for (i = 0; i < e->neku; i++) {
			const struct csrl_oid_info *info = csrl_oid_lookup(e->eku[i].p,
									    e->eku[i].len);

			add(j, v, info ? json_string(info->name) : jdotted(e->eku[i]));
		}
		return v;
	case CSRL_EXT_BASIC_CONSTRAINTS:
		return json_pack("{s:b, s:o}", "ca", e->bc_ca, "pathlen",
				 e->bc_pathlen >= 0 ? json_integer(e->bc_pathlen) : json_null());
	case CSRL_EXT_SKI:
		return jhex(e->ski.p, e->ski.len, CSRL_INSPECT_MAX_HEX);
	default:
		return NULL;
	}
}

static const char *const ext_kinds[] = {
	[CSRL_EXT_UNKNOWN] = "unknown", [CSRL_EXT_SAN] = "san", [CSRL_EXT_KEY_USAGE] = "key_usage",
	[CSRL_EXT_EXT_KEY_USAGE] = "ext_key_usage",
	[CSRL_EXT_BASIC_CONSTRAINTS] = "basic_constraints", [CSRL_EXT_SKI] = "ski",
	[CSRL_EXT_OTHER_KNOWN] = "other",
};

static json_t *ext_json(struct jb *j, const struct csrl_ext *e)
{
	json_t *o = json_object(), *v = ext_value_json(j, e);

	set(j, o, "oid", jdotted(e->oid));
	set(j, o, "name", e->name ? json_string(e->name) : json_null());
	set(j, o, "kind", json_string((unsigned)e->kind <= CSRL_EXT_OTHER_KNOWN ?
				      ext_kinds[e->kind] : "unknown"));
	set(j, o, "critical", json_boolean(e->critical));
	set(j, o, "critical_explicit", json_boolean(e->critical_explicit));
	set(j, o, "decoded", json_boolean(e->decoded));
	set(j, o, "offset", json_integer(e->node ? (json_int_t)e->node->offset : 0));
	if (!v)
		v = json_pack("{s:o}", "hex", jhex(e->value.p, e->value.len, CSRL_INSPECT_MAX_HEX));
	set(j, o, "value", v);
	return o;
}

/* ---- signature, anomalies, the whole CSR ---------------------------------------------- */

static json_t *sigalg_json(struct jb *j, const struct csrl_sigalg *alg)
{
	json_t *o = json_object();

	set(j, o, "oid", jdotted(alg->oid));
	set(j, o, "name", alg->name ? json_string(alg->name) : json_null());
	set(j, o, "hash", alg->hash != CSRL_HASH_NONE && alg->hash != CSRL_HASH_UNKNOWN ?
		json_string(csrl_hash_name(alg->hash)) : json_null());
	if (alg->kind == CSRL_SIG_RSA_PSS)
		set(j, o, "pss", pss_json(j, &alg->pss, alg->pss_params_ok));
	return o;
}

static json_t *anomaly_json(struct jb *j, const struct csrl_anomaly *a, size_t base)
{
	json_t *o = json_object();
	char id[64], tag[48];

	snprintf(id, sizeof id, "der.%s", csrl_anomaly_id(a->kind));
	set(j, o, "id", json_string(id));
	set(j, o, "offset", json_integer((json_int_t)(a->offset + base)));
	set(j, o, "tag", a->node ? json_string(csrl_tag_text(tag, sizeof tag, a->node)) :
		json_null());
	set(j, o, "description", json_string(csrl_anomaly_desc(a->kind)));
	return o;
}

json_t *csrl_inspect_json(const struct csrl_csr *csr, const struct csrl_verify_result *vr)
{
	struct jb j = { 0 };
	json_t *o = json_object(), *a;
	size_t i;

	set(&j, o, "version", csr->version >= 0 ? json_integer(csr->version) : json_null());
	set(&j, o, "subject", name_json(&j, &csr->subject));
	set(&j, o, "public_key", key_json(&j, &csr->key));
	set(&j, o, "attributes_present", json_boolean(csr->attrs_present));
	set(&j, o, "attributes", a = json_array());
	for (i = 0; i < csr->nattrs; i++)
		add(&j, a, attr_json(&j, &csr->attrs[i]));
	set(&j, o, "extensions", a = json_array());
	for (i = 0; i < csr->nexts; i++)
		add(&j, a, ext_json(&j, &csr->exts[i]));
	set(&j, o, "signature_algorithm", sigalg_json(&j, &csr->sigalg));
	set(&j, o, "signature", json_pack("{s:I, s:i, s:o}", "length", (json_int_t)csr->sig.len,
					  "unused_bits", (int)csr->sig_unused_bits, "hex",
					  jhex(csr->sig.p, csr->sig.len, CSRL_INSPECT_MAX_HEX)));
	if (vr)
		set(&j, o, "verification", json_pack("{s:s, s:s}", "status",
						     csrl_verify_status_name(vr->status),
						     "detail", vr->detail));
	set(&j, o, "anomalies", a = json_array());
	for (i = 0; i < csr->nanomalies; i++)
		add(&j, a, anomaly_json(&j, &csr->anomalies[i], 0));
	set(&j, o, "der_length", json_integer((json_int_t)csr->len));
	if (j.oom) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* ---- the DER tree --------------------------------------------------------------------- */

static void node_value_json(struct jb *j, json_t *o, const struct csrl_node *n)
{
	struct csrl_bytes b = { n->content, n->len };
	json_t *s = NULL;
	int64_t v;

	/* Text that is valid UTF-8 goes in as it is; the rest is shown as hex. */
	if (csrl_is_string_node(n) && n->tag != CSRL_TAG_BMP_STRING &&
	    n->tag != CSRL_TAG_UNIVERSAL_STRING)
		s = json_stringn((const char *)n->content, n->len);
	if (s) {
		set(j, o, "value", s);
	} else if (n->cls == CSRL_CLASS_UNIVERSAL && n->tag == CSRL_TAG_OID) {
		set(j, o, "oid", jdotted(b));
		set(j, o, "name", jname(b));
	} else if (csrl_node_is(n, CSRL_TAG_BOOLEAN) && n->len == 1) {
		set(j, o, "value", json_boolean(n->content[0]));
	} else if ((csrl_node_is(n, CSRL_TAG_INTEGER) || csrl_node_is(n, CSRL_TAG_ENUMERATED)) &&
		   csrl_int64(b, &v)) {
		set(j, o, "value", json_integer((json_int_t)v));
	} else if (csrl_node_is(n, CSRL_TAG_BIT_STRING) && n->len) {
		set(j, o, "unused_bits", json_integer(n->content[0]));
		set(j, o, "hex", jhex(n->content + 1, n->len - 1, NODE_HEX_MAX));
	} else {
		set(j, o, "hex", jhex(n->content, n->len, NODE_HEX_MAX));
	}
}

struct tree_ctx {
	struct jb j;
	json_t *arr;
};

static int node_json(void *ctx, const struct csrl_walk_node *w)
{
	struct tree_ctx *t = ctx;
	const struct csrl_node *n = w->node;
	json_t *o = json_object(), *an = json_array();
	char tag[48];
	size_t i;

	set(&t->j, o, "offset", json_integer((json_int_t)w->offset));
	set(&t->j, o, "header_length", json_integer(n->hdr_len));
	set(&t->j, o, "length", json_integer((json_int_t)n->len));
	if (n->declared_len != n->len)
		set(&t->j, o, "declared_length", json_integer((json_int_t)n->declared_len));
	set(&t->j, o, "class", json_string(csrl_class_name(n->cls)));
	set(&t->j, o, "tag", json_integer(n->tag));
	set(&t->j, o, "tag_name", json_string(csrl_tag_text(tag, sizeof tag, n)));
	set(&t->j, o, "constructed", json_boolean(n->constructed));
	set(&t->j, o, "depth", json_integer(w->depth));
	if (w->encapsulated)
		set(&t->j, o, "encapsulated", json_true());
	for (i = 0; i < w->nanoms; i++)
		add(&t->j, an, anomaly_json(&t->j, w->anoms[i], w->anom_base));
	set(&t->j, o, "anomalies", an);
	if (w->note)
		set(&t->j, o, "note", json_string(w->note));
	if (w->redacted && !n->constructed)
		set(&t->j, o, "redacted", json_true());
	else if (!n->constructed)
		node_value_json(&t->j, o, n);
	add(&t->j, t->arr, o);
	return t->j.oom;
}

json_t *csrl_inspect_asn1_json(const struct csrl_der *der)
{
	struct tree_ctx t = { { 0 }, json_array() };
	size_t i;

	if (!t.arr || !der)
		return t.arr;
	if (csrl_der_walk(der, node_json, &t) != 0)
		t.j.oom = 1;
	if (der->trailing_offset < der->len) {
		json_t *o = json_object(), *an = json_array();

		set(&t.j, o, "offset", json_integer((json_int_t)der->trailing_offset));
		set(&t.j, o, "length", json_integer((json_int_t)(der->len - der->trailing_offset)));
		set(&t.j, o, "trailing", json_true());
		for (i = 0; i < der->nanomalies; i++)
			if (!der->anomalies[i].node)
				add(&t.j, an, anomaly_json(&t.j, &der->anomalies[i], 0));
		set(&t.j, o, "anomalies", an);
		add(&t.j, t.arr, o);
	}
	if (t.j.oom) {
		json_decref(t.arr);
		return NULL;
	}
	return t.arr;
}
