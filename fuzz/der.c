/* der.c - fuzz harness for csrl_der_parse: the tolerant reader on any bytes, then a walk of
 * the whole tree checking the promises of csrlint.h (bounds, links, counts, anomaly order).
 * The input is read twice, once in a tree of its own and once in a caller's arena with small
 * chunks, so that both ownership paths and the arena's growth are exercised. */
#include <string.h>

#include "csrlint.h"
#include "fuzz.h"

static void check_node(const struct csrl_der *der, const struct csrl_node *n)
{
	const uint8_t *end = der->data + der->len;

	FUZZ_CHECK(n->content >= der->data && n->content <= end);
	FUZZ_CHECK((size_t)(n->content - der->data) == n->offset + n->hdr_len);
	FUZZ_CHECK(n->len <= (size_t)(end - n->content));
	FUZZ_CHECK(n->declared_len == SIZE_MAX || n->declared_len >= n->len);
	FUZZ_CHECK(n->cls <= CSRL_CLASS_PRIVATE && n->constructed <= 1);
	FUZZ_CHECK((n->flags >> CSRL_ANOM_COUNT) == 0);   /* 22 kinds fit in 32 bits */
	FUZZ_CHECK(n->depth < CSRL_DER_MAX_DEPTH + 1);
	if (n->parent) {
		FUZZ_CHECK(n->depth == n->parent->depth + 1);
		FUZZ_CHECK(n->offset >= n->parent->offset + n->parent->hdr_len);
	} else {
		FUZZ_CHECK(n == der->root && n->depth == 0);
	}
	if (n->nchildren) {
		FUZZ_CHECK(csrl_node_child(n, 0) == n->child);
		FUZZ_CHECK(csrl_node_child(n, n->nchildren) == NULL);
	} else {
		FUZZ_CHECK(n->child == NULL);
	}
	fuzz_touch(n->content, n->len);
	(void)csrl_node_is(n, n->tag);
}

/* Depth-first through child / next / parent links, without recursion. */
static void walk(const struct csrl_der *der)
{
	const struct csrl_node *n = der->root;
	size_t seen = 0;

	FUZZ_CHECK(n != NULL && n->next == NULL);
	while (n) {
		const struct csrl_node *c;
		uint32_t kids = 0;

		check_node(der, n);
		seen++;
		FUZZ_CHECK(seen <= der->nnodes);
		for (c = n->child; c; c = c->next) {
			FUZZ_CHECK(c->parent == n);
			if (++kids > n->nchildren)
				break;
		}
		FUZZ_CHECK(kids == n->nchildren);
		if (n->child) {
			n = n->child;
			continue;
		}
		while (n && !n->next)
			n = n->parent;
		if (n)
			n = n->next;
	}
	FUZZ_CHECK(seen == der->nnodes);
}

static void check_anomalies(const struct csrl_der *der)
{
	size_t i;

	FUZZ_CHECK(der->nanomalies == 0 || der->anomalies != NULL);
	FUZZ_CHECK(der->trailing_offset <= der->len);
	for (i = 0; i < der->nanomalies; i++) {
		const struct csrl_anomaly *a = &der->anomalies[i];

		FUZZ_CHECK(a->kind >= 0 && a->kind < CSRL_ANOM_COUNT);
		FUZZ_CHECK(a->offset <= der->len);
		FUZZ_CHECK(i == 0 || der->anomalies[i - 1].offset <= a->offset);
		fuzz_touch_str(csrl_anomaly_id(a->kind), SIZE_MAX);
		fuzz_touch_str(csrl_anomaly_desc(a->kind), SIZE_MAX);
		if (a->node)
			FUZZ_CHECK(csrl_node_has(a->node, a->kind));
		else
			FUZZ_CHECK(a->kind == CSRL_ANOM_TRAILING_DATA);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csrl_arena *arena;
	struct csrl_der *der;
	struct csrl_error err;
	int rc;

	rc = csrl_der_parse(data, size, NULL, &der, &err);
	if (rc != CSRL_ERR_OK) {
		FUZZ_CHECK(der == NULL && err.code == rc && err.offset <= size);
		fuzz_touch_str(err.msg, sizeof err.msg);
	} else {
		FUZZ_CHECK(der->data == data && der->len == size && der->owns_arena);
		walk(der);
		check_anomalies(der);
		csrl_der_free(der);
	}

	arena = csrl_arena_new(256);
	if (!arena)
		return 0;
	if (csrl_der_parse(data, size, arena, &der, NULL) == CSRL_ERR_OK) {
		FUZZ_CHECK(!der->owns_arena);
		csrl_der_free(der);      /* a no-op: the arena owns the tree */
	}
	csrl_arena_free(arena);
	return 0;
}
