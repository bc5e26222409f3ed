// err-ptr-check: no findings expected; wrappers whose summaries bad.c
// and good.c call from another file.
#include "kdecls.h"

/* fails with ERR_PTR (bad index) or NULL (no such port) */
struct device_node *acme_lookup_port(struct device_node *np, int idx)
{
	struct device_node *port;

	if (idx < 0)
		return ERR_PTR(-EINVAL);
	port = of_parse_phandle(np, "acme,port", idx);
	if (!port)
		return NULL;
	return port;
}
