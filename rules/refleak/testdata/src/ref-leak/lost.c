// ref-leak: a reference lost before any return is reported where it is
// lost, with the fix that belongs there.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/ioport.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/clk.h>

/* a result only tested for NULL: lost at the call */
static int acme_has_fabric(void)
{
	if (!of_find_node_by_name(NULL, "acme-fabric")) /* want "reference from of_find_node_by_name\\(\\) at line 20 leaks: its result is never kept, so nothing can release it; .*keep the result and call of_node_put\\(\\) on it" */
		return -19;
	return 0;
}

/* good: kept and put */
static int acme_has_fabric_ok(void)
{
	struct device_node *np = of_find_node_by_name(NULL, "acme-fabric");

	if (!np)
		return -19;
	of_node_put(np);
	return 0;
}

/* overwritten in a loop: lost at the next acquire, fixed inside the loop */
static int acme_count_remotes(struct device_node *np, int n)
{
	struct device_node *remote;
	int i, found = 0;

	for (i = 0; i < n; i++) {
		remote = of_parse_phandle(np, "acme,remote", i); /* want "leaks.*call of_node_put\\(\\) before (the next iteration|'remote' is overwritten)" */
		if (remote)
			found++;
	}
	return found;
}

/* good: put before the next iteration */
static int acme_count_remotes_ok(struct device_node *np, int n)
{
	struct device_node *remote;
	int i, found = 0;

	for (i = 0; i < n; i++) {
		remote = of_parse_phandle(np, "acme,remote", i);
		if (remote) {
			found++;
			of_node_put(remote);
		}
	}
	return found;
}
