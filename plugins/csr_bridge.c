/* csr_bridge.c - the methods of the CSR handle (handles.c): the request's subject, SANs, key,
 * signature, extensions, attributes, DER and nodes, as tables built from the C model. */
#include <arpa/inet.h>
#include <string.h>

#include "host.h"

/* Lists are created with room for this many entries at most (larger ones grow as usual). */
#define LIST_PRESIZE_MAX 1024

static void set_str(lua_State *L, const char *k, const char *v)
{
	if (v) {
		lua_pushstring(L, v);
		lua_setfield(L, -2, k);
	}
}

static void set_bytes(lua_State *L, const char *k, struct csrl_bytes b)
{
	lua_pushlstring(L, b.p ? (const char *)b.p : "", b.p ? b.len : 0);
	lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

static void set_oid(lua_State *L, const char *k, struct csrl_bytes oid)
{
	char buf[256];

	set_str(L, k, text_oid(oid, buf, sizeof buf));
}

static void set_node(lua_State *L, const char *k, const struct csrl_node *n)
{
	bridge_push_node(L, n);
	lua_setfield(L, -2, k);
}

static int m_version(lua_State *L)
{
	lua_pushinteger(L, bridge_check_csr(L)->version);
	return 1;
}

/* Pushes the entry tables of every AVA of nm, in order. */
static void push_avas(lua_State *L, const struct csrl_name *nm, size_t n)
{
	size_t i, j;
	lua_Integer k = 0;

	lua_createtable(L, (int)(n < LIST_PRESIZE_MAX ? n : LIST_PRESIZE_MAX), 0);
	for (i = 0; i < nm->nrdns; i++)
		for (j = 0; j < nm->rdns[i].navas; j++) {
			const struct csrl_ava *a = &nm->rdns[i].avas[j];

			lua_createtable(L, 0, 8);
			set_int(L, "rdn", (lua_Integer)i + 1);
			set_oid(L, "oid", a->oid);
			set_str(L, "name", a->name);
			set_str(L, "type", text_string_type(a->string_tag));
			set_int(L, "tag", a->string_tag);
			set_str(L, "value", a->utf8);
			set_bytes(L, "raw", a->value);
			set_node(L, "node", a->node);
			lua_rawseti(L, -2, ++k);
		}
}

/** csr:subject(): list of {rdn, oid, name, type, tag, value (UTF-8), raw, node}; the
 * entries are built once per lint run and read through fresh proxies (views.c). */
static int m_subject(lua_State *L)
{
	const struct csrl_name *nm = &bridge_check_csr(L)->subject;
	size_t i, n = 0;

	for (i = 0; i < nm->nrdns; i++)
		n += nm->rdns[i].navas;
	if (!views_get(L, VIEW_SUBJECT)) {
		push_avas(L, nm, n);
		views_put(L, VIEW_SUBJECT);
	}
	lua_createtable(L, (int)(n < LIST_PRESIZE_MAX ? n : LIST_PRESIZE_MAX), 0);
	for (i = 1; i <= n; i++) {
		views_proxy(L, -2, (lua_Integer)i);
		lua_rawseti(L, -2, (lua_Integer)i);
	}
	return 1;
}

static int m_subject_string(lua_State *L)
{
	char buf[4096];

	csrl_name_to_string(&bridge_check_csr(L)->subject, buf, sizeof buf);
	lua_pushstring(L, buf);
	return 1;
}

static const char *const gn_names[] = { "other", "email", "dns", "x400", "dirname",
					"ediparty", "uri", "ip", "rid" };

/* Pushes one GeneralName as {type, value, raw, node[, oid]}. */
static void push_gname(lua_State *L, const struct csrl_gname *g)
{
	char buf[1024];

	lua_createtable(L, 0, 5);
	set_str(L, "type", (unsigned)g->type < 9 ? gn_names[g->type] : "unknown");
	set_bytes(L, "raw", g->value);
	set_node(L, "node", g->node);
	buf[0] = '\0';
	switch (g->type) {
	case CSRL_GN_DNS: case CSRL_GN_EMAIL: case CSRL_GN_URI:
		set_bytes(L, "value", g->value);
		return;
	case CSRL_GN_IP:
		if (g->value.len == 4 || g->value.len == 16)
			inet_ntop(g->value.len == 4 ? AF_INET : AF_INET6, g->value.p, buf, sizeof buf);
		break;
	case CSRL_GN_RID:
		set_str(L, "value", text_oid(g->value, buf, sizeof buf));
		return;
	case CSRL_GN_DIRNAME:
		csrl_name_to_string(&g->dirname, buf, sizeof buf);
		break;
	case CSRL_GN_OTHER:
		set_oid(L, "oid", g->other_oid);
		break;
	default:
		break;
	}
	if (buf[0])
		set_str(L, "value", buf);
}

/* Pushes the entry tables of every GeneralName of every decoded SAN, in order; n of them. */
static void push_san_names(lua_State *L, const struct csrl_csr *csr, size_t n)
{
	size_t i, j;
	lua_Integer k = 0;

	lua_createtable(L, (int)(n < LIST_PRESIZE_MAX ? n : LIST_PRESIZE_MAX), 0);
	for (i = 0; i < csr->nexts; i++)
		if (csr->exts[i].kind == CSRL_EXT_SAN && csr->exts[i].decoded)
			for (j = 0; j < csr->exts[i].nnames; j++)
				push_gname(L, &csr->exts[i].names[j]), lua_rawseti(L, -2, ++k);
}

/** csr:sans([type]): every GeneralName of every decoded SAN, optionally of one type; the
 * entries are built once per lint run and read through fresh proxies (views.c). */
static int m_sans(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);
	const char *want = luaL_optstring(L, 2, NULL);
	size_t i, j, n = 0, all = 0;
	unsigned t = 0;
	lua_Integer k = 0, at = 0;

	/* the type asked for as its number; none (9) matches no name, not even "unknown" ones */
	while (want && t < 9 && strcmp(want, gn_names[t]) != 0)
		t++;
	for (i = 0; i < csr->nexts; i++)
		if (csr->exts[i].kind == CSRL_EXT_SAN && csr->exts[i].decoded)
			for (j = 0; j < csr->exts[i].nnames; j++, all++)
				n += !want || (t < 9 && (unsigned)csr->exts[i].names[j].type == t);
	if (!views_get(L, VIEW_SANS)) {
		push_san_names(L, csr, all);
		views_put(L, VIEW_SANS);
	}
	lua_createtable(L, (int)(n < LIST_PRESIZE_MAX ? n : LIST_PRESIZE_MAX), 0);
	for (i = 0; i < csr->nexts && n; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		if (e->kind != CSRL_EXT_SAN || !e->decoded)
			continue;
		for (j = 0; j < e->nnames; j++) {
			at++;
			if (want && !(t < 9 && (unsigned)e->names[j].type == t))
				continue;
			views_proxy(L, -2, at);
			lua_rawseti(L, -2, ++k);
		}
	}
	return 1;
}

static void set_decimal(lua_State *L, const char *k, struct csrl_bytes b)
{
	text_push_decimal(L, b);
	lua_setfield(L, -2, k);
}

/** csr:key(): {type, bits, curve, exponent (decimal string), spki_sha256 (hex), oid, node}. */
static int m_key(lua_State *L)
{
	const struct csrl_pubkey *k = &bridge_check_csr(L)->key;
	static const char digits[] = "0123456789abcdef";
	char hex[65];
	int i;

	lua_createtable(L, 0, 7);
	set_str(L, "type", csrl_key_type_name(k->type));
	set_int(L, "bits", k->bits);
	set_oid(L, "oid", k->alg_oid);
	if (k->type == CSRL_KEY_EC && k->curve != CSRL_CURVE_NONE)
		set_str(L, "curve", csrl_curve_name(k->curve));
	if ((k->type == CSRL_KEY_RSA || k->type == CSRL_KEY_RSA_PSS) && k->decoded)
		set_decimal(L, "exponent", k->rsa_e);
	for (i = 0; i < 32; i++) {
		hex[2 * i] = digits[k->spki_sha256[i] >> 4];
		hex[2 * i + 1] = digits[k->spki_sha256[i] & 15];
	}
	hex[64] = '\0';
	set_str(L, "spki_sha256", hex);
	set_node(L, "node", k->node);
	return 1;
}

/** csr:signature(): {algorithm, oid, hash, status, valid, detail, node}. */
static int m_signature(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);
	const struct csrl_verify_result *v = host_of(L)->ctx->verify;
	char oid[256];

	text_oid(csr->sigalg.oid, oid, sizeof oid);
	lua_createtable(L, 0, 7);
	set_str(L, "algorithm", csr->sigalg.name ? csr->sigalg.name : oid);
	set_str(L, "oid", oid);
	set_str(L, "hash", csrl_hash_name(csr->sigalg.hash));
	set_str(L, "status", v ? csrl_verify_status_name(v->status) : "unknown");
	lua_pushboolean(L, v && v->status == CSRL_VERIFY_VALID);
	lua_setfield(L, -2, "valid");
	set_str(L, "detail", v ? v->detail : "");
	set_node(L, "node", csr->sigalg.node);
	return 1;
}

static const char *const ku_names[] = { "digitalSignature", "nonRepudiation",
	"keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
	"encipherOnly", "decipherOnly" };

/* Pushes the decoded value of a known extension, or nil. A SAN's names are proxies of the
 * entries at at + 1 ... of the sans() view whose metatable list is at mts. */
static void push_ext_value(lua_State *L, const struct csrl_ext *e, int mts, lua_Integer at)
{
	size_t i, n;
	lua_Integer k = 0;

	if (!e->decoded || e->kind == CSRL_EXT_UNKNOWN || e->kind == CSRL_EXT_OTHER_KNOWN) {
		lua_pushnil(L);
		return;
	}
	n = e->kind == CSRL_EXT_SAN ? e->nnames : e->kind == CSRL_EXT_EXT_KEY_USAGE ? e->neku : 0;
	lua_createtable(L, (int)(n < LIST_PRESIZE_MAX ? n : LIST_PRESIZE_MAX),
			e->kind == CSRL_EXT_BASIC_CONSTRAINTS ? 2 : e->kind == CSRL_EXT_SKI);
	switch (e->kind) {
	case CSRL_EXT_SAN:
		for (i = 0; i < e->nnames; i++)
			views_proxy(L, mts, at + (lua_Integer)i + 1), lua_rawseti(L, -2, ++k);
		break;
	case CSRL_EXT_KEY_USAGE:
		for (i = 0; i < e->key_usage_nbits && i < 9; i++)
			if (e->key_usage & (1u << i))
				lua_pushstring(L, ku_names[i]), lua_rawseti(L, -2, ++k);
		break;
	case CSRL_EXT_EXT_KEY_USAGE:
		for (i = 0; i < e->neku; i++) {
			char buf[256];

			lua_pushstring(L, text_oid(e->eku[i], buf, sizeof buf)), lua_rawseti(L, -2, ++k);
		}
		break;
	case CSRL_EXT_BASIC_CONSTRAINTS:
		lua_pushboolean(L, e->bc_ca);
		lua_setfield(L, -2, "ca");
		if (e->bc_pathlen >= 0)
			set_int(L, "pathlen", e->bc_pathlen);
		break;
	case CSRL_EXT_SKI:
		set_bytes(L, "id", e->ski);
		break;
	default:
		break;
	}
}

/** csr:extensions(): list of {oid, name, critical, value (decoded or nil), raw, node}. */
static int m_extensions(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);
	size_t i, names = 0;
	lua_Integer at = 0;
	int mts;

	for (i = 0; i < csr->nexts; i++)
		if (csr->exts[i].kind == CSRL_EXT_SAN && csr->exts[i].decoded)
			names += csr->exts[i].nnames;
	if (!views_get(L, VIEW_SANS)) {                 /* a SAN's value shares sans() entries */
		push_san_names(L, csr, names);
		views_put(L, VIEW_SANS);
	}
	mts = lua_gettop(L);
	lua_createtable(L, (int)(csr->nexts < LIST_PRESIZE_MAX ? csr->nexts : LIST_PRESIZE_MAX), 0);
	for (i = 0; i < csr->nexts; i++) {
		const struct csrl_ext *e = &csr->exts[i];

		lua_createtable(L, 0, 6);
		if (!e->malformed) {
			set_oid(L, "oid", e->oid);
			set_str(L, "name", e->name);
			lua_pushboolean(L, e->critical);
			lua_setfield(L, -2, "critical");
			set_bytes(L, "raw", e->value);
			push_ext_value(L, e, mts, at);
			lua_setfield(L, -2, "value");
		}
		if (e->kind == CSRL_EXT_SAN && e->decoded)
			at += (lua_Integer)e->nnames;
		set_node(L, "node", e->node);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

/** csr:attributes(): list of {oid, name, count, text, node}. */
static int m_attributes(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);
	size_t i;

	lua_newtable(L);
	for (i = 0; i < csr->nattrs; i++) {
		const struct csrl_attr *a = &csr->attrs[i];

		lua_createtable(L, 0, 5);
		if (!a->malformed) {
			set_oid(L, "oid", a->oid);
			set_str(L, "name", a->name);
			set_int(L, "count", (lua_Integer)a->nvalues);
			set_str(L, "text", a->text);
		}
		set_node(L, "node", a->node);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int m_der(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);

	lua_pushlstring(L, (const char *)csr->data, csr->len);
	return 1;
}

static int m_root(lua_State *L)
{
	bridge_push_node(L, bridge_check_csr(L)->root);
	return 1;
}

/** csr:node(path): the node whose finding path is path ("" is the root), or nil. */
static int m_node(lua_State *L)
{
	const struct csrl_csr *csr = bridge_check_csr(L);
	const char *want = luaL_checkstring(L, 2);
	const struct csrl_node *n = csr->root;
	char path[256];
	size_t seen = 0;

	while (n && seen++ < BRIDGE_NODE_MAX) {
		csrl_node_path(csr, n, path, sizeof path);
		if (strcmp(path, want) == 0) {
			bridge_push_node(L, n);
			return 1;
		}
		if (n->child && strncmp(want, path, strlen(path)) == 0) {
			n = n->child;                       /* only into a prefix of the path */
			continue;
		}
		while (n && !n->next && n != csr->root)
			n = n->parent;
		n = n && n != csr->root ? n->next : NULL;
	}
	lua_pushnil(L);
	return 1;
}

/** csr:findings(): the built-in findings for this request so far (rule, severity, ...). */
static int m_findings(lua_State *L)
{
	struct csrl_lint_ctx *ctx;
	size_t i;
	lua_Integer k = 0;

	bridge_check_csr(L);
	ctx = host_of(L)->ctx;
	lua_newtable(L);
	for (i = ctx->first_finding; i < ctx->out->n; i++) {
		const struct csrl_finding *f = &ctx->out->v[i];

		if (!csrl_rule_find(f->rule_id))        /* a Lua rule's, this one's included */
			continue;
		lua_createtable(L, 0, 6);
		set_str(L, "rule", f->rule_id);
		set_str(L, "severity", csrl_severity_name(f->severity));
		set_str(L, "message", f->message);
		set_str(L, "path", f->path);
		set_int(L, "offset", (lua_Integer)f->offset);
		set_int(L, "length", (lua_Integer)f->length);
		lua_rawseti(L, -2, ++k);
	}
	return 1;
}

const luaL_Reg bridge_csr_methods[] = {
	{ "version", m_version }, { "subject", m_subject },
	{ "subject_string", m_subject_string }, { "sans", m_sans }, { "key", m_key },
	{ "signature", m_signature }, { "extensions", m_extensions },
	{ "attributes", m_attributes }, { "der", m_der }, { "root", m_root },
	{ "node", m_node }, { "findings", m_findings }, { NULL, NULL },
};
