/* path.c - names a node by its place in the request, the way findings point at it:
 * "certificationRequestInfo.subject[2][0].value". Fields take their RFC 2986/5280 names;
 * members of SEQUENCE OF / SET OF take [index]; the DER inside a BIT or OCTET STRING (a key,
 * an extension value) is ".decoded". */
#include <string.h>

#include "lint.h"

#define MAX_CHAIN 160

enum shape { S_ROOT, S_CRI, S_NAME, S_RDN, S_AVA, S_SPKI, S_ALGID, S_ATTRS, S_ATTR, S_VALUES,
	     S_EXTS, S_EXT, S_STRING, S_ANY };

struct step { const char *name; unsigned index; int named; enum shape next; };

static unsigned index_of(const struct csrl_node *n)
{
	const struct csrl_node *c;
	unsigned i = 0;

	for (c = n->parent->child; c && c != n; c = c->next)
		i++;
	return i;
}

static int is_ext_request(const struct csrl_node *attr)
{
	const struct csrl_node *oid = attr ? attr->child : NULL;
	enum csrl_oid_id id;

	if (!oid || !csrl_node_is(oid, CSRL_TAG_OID))
		return 0;
	id = csrl_oid_id_of((struct csrl_bytes){ oid->content, oid->len });
	return id == CSRL_OID_EXTENSION_REQUEST || id == CSRL_OID_MS_EXTENSION_REQUEST;
}

static struct step field(const char *name, enum shape next)
{
	return (struct step){ name, 0, 1, next };
}

/* What node n (child number i of a parent of shape s) is called, and the shape of n. */
static struct step name_child(enum shape s, const struct csrl_node *n, unsigned i)
{
	static const char *const root[] = { "certificationRequestInfo", "signatureAlgorithm",
					    "signature" };
	static const char *const cri[] = { "version", "subject", "subjectPKInfo", "attributes" };
	static const enum shape cri_next[] = { S_ANY, S_NAME, S_SPKI, S_ATTRS };

	switch (s) {
	case S_ROOT:
		if (i < 3)
			return field(root[i], i == 0 ? S_CRI : i == 1 ? S_ALGID : S_STRING);
		break;
	case S_CRI:
		if (i < 4)
			return field(cri[i], cri_next[i]);
		break;
	case S_NAME: return (struct step){ NULL, i, 0, S_RDN };
	case S_RDN: return (struct step){ NULL, i, 0, S_AVA };
	case S_AVA:
		if (i < 2)
			return field(i ? "value" : "type", S_ANY);
		break;
	case S_SPKI:
		if (i < 2)
			return field(i ? "subjectPublicKey" : "algorithm", i ? S_STRING : S_ALGID);
		break;
	case S_ALGID:
		if (i < 2)
			return field(i ? "parameters" : "algorithm", S_ANY);
		break;
	case S_ATTRS: return (struct step){ NULL, i, 0, S_ATTR };
	case S_ATTR:
		if (i < 2)
			return field(i ? "values" : "type", i ? S_VALUES : S_ANY);
		break;
	case S_VALUES:
		return (struct step){ NULL, i, 0, is_ext_request(n->parent->parent) ? S_EXTS : S_ANY };
	case S_EXTS: return (struct step){ NULL, i, 0, S_EXT };
	case S_EXT:
		if (csrl_node_is(n, CSRL_TAG_OID))
			return field("extnID", S_ANY);
		if (csrl_node_is(n, CSRL_TAG_BOOLEAN))
			return field("critical", S_ANY);
		if (csrl_node_is(n, CSRL_TAG_OCTET_STRING))
			return field("extnValue", S_STRING);
		break;
	default:
		break;
	}
	return (struct step){ NULL, i, 0, S_ANY };
}

/* Appends len bytes of s at buf + o, as snprintf would: truncated to fit, always
 * terminated, and the length it wanted returned (o + len). */
static size_t append(char *buf, size_t size, size_t o, const char *s, size_t len)
{
	if (o < size) {
		size_t k = size - o - 1 < len ? size - o - 1 : len;

		memcpy(buf + o, s, k);
		buf[o + k] = '\0';
	}
	return o + len;
}

/* Appends "[i]". */
static size_t append_index(char *buf, size_t size, size_t o, unsigned i)
{
	char tmp[16];
	size_t k = sizeof tmp;

	tmp[--k] = ']';
	do
		tmp[--k] = (char)('0' + i % 10);
	while (i /= 10);
	tmp[--k] = '[';
	return append(buf, size, o, tmp + k, sizeof tmp - k);
}

void csrl_node_path(const struct csrl_csr *csr, const struct csrl_node *node, char *buf,
		    size_t size)
{
	const struct csrl_node *chain[MAX_CHAIN];
	size_t n = 0, o = 0;
	enum shape s = S_ROOT;

	if (!size)
		return;
	buf[0] = '\0';
	for (; node && n < MAX_CHAIN; node = node->parent)
		chain[n++] = node;
	if (!n || chain[n - 1] != csr->root)
		return;
	while (--n > 0 && o < size) {
		const struct csrl_node *c = chain[n - 1], *p = chain[n];
		struct step st;

		if (!p->constructed) {          /* DER inside a BIT or OCTET STRING */
			o = append(buf, size, o, ".decoded", 8);
			s = S_ANY;
			continue;
		}
		st = name_child(s, c, index_of(c));
		if (st.named) {
			if (o)
				o = append(buf, size, o, ".", 1);
			o = append(buf, size, o, st.name, strlen(st.name));
		} else {
			o = append_index(buf, size, o, st.index);
		}
		s = st.next;
	}
}
