// ref-leak: where a reference is lost decides the fix. A reference
// overwritten by a reassignment or by the next lookup into the same
// out-parameter is lost there, and a put "on each path" would drop the
// object the variable holds by then; a reference never released on any
// path, success included, is fixed by one put once it is used, not by a
// put on an error path.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/phy.h>
#include <linux/of_mdio.h>
#include <linux/netdevice.h>

const char *phydev_name(const struct phy_device *phydev);
void acme_link_change(struct net_device *ndev);

struct acme_plat {
	int npe;
	int rxq;
	int txq;
};

/* modeled on lpc_mii_probe(): of_phy_find_device()'s reference is lost
 * when phy_connect()'s result overwrites phydev */
static int acme_mii_probe(struct net_device *ndev, struct device_node *phy_node, struct mii_bus *bus)
{
	struct phy_device *phydev;

	if (phy_node)
		phydev = of_phy_find_device(phy_node);
	else
		phydev = phy_find_first(bus);
	if (!phydev)
		return -19;

	phydev = phy_connect(ndev, phydev_name(phydev), &acme_link_change, 0);
	if (IS_ERR(phydev)) {
		netdev_err(ndev, "Could not attach to PHY\n");
		return PTR_ERR(phydev); /* want "reference from of_phy_find_device\\(\\) at line 33 is lost at line 39, where 'phydev' is overwritten by phy_connect\\(\\).*fix: keep it in a variable of its own and call put_device\\(\\) on that variable after line 39" */
	}
	return 0;
}

/* good: put once the lookup's result is no longer needed */
static int acme_mii_probe_ok(struct net_device *ndev, struct device_node *phy_node)
{
	struct phy_device *phydev, *found;

	found = of_phy_find_device(phy_node);
	if (!found)
		return -19;

	phydev = phy_connect(ndev, phydev_name(found), &acme_link_change, 0);
	put_device(&found->mdio.dev);
	if (IS_ERR(phydev))
		return PTR_ERR(phydev);
	return 0;
}

/* modeled on ixp4xx_of_get_platdata(): the second lookup into queue_spec
 * overwrites the first one's node on success */
static struct acme_plat *acme_get_platdata(struct device *dev, struct device_node *np)
{
	struct of_phandle_args queue_spec;
	struct acme_plat *plat;
	int ret;

	plat = devm_kzalloc(dev, sizeof(*plat), GFP_KERNEL);
	if (!plat)
		return NULL;

	ret = of_parse_phandle_with_fixed_args(np, "queue-rx", 1, 0, &queue_spec);
	if (ret)
		return NULL;
	plat->rxq = queue_spec.args[0];

	ret = of_parse_phandle_with_fixed_args(np, "queue-txready", 1, 0, &queue_spec);
	if (ret)
		return NULL; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 75 is lost at line 80, whose call overwrites 'queue_spec.np' \\(when that call fails, it leaks here\\).*fix: call of_node_put\\(queue_spec.np\\) once it is no longer needed \\(after the last use of 'queue_spec'\\), before line 80" */
	plat->txq = queue_spec.args[0];

	return plat; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 80 leaks on the success path: this return skips of_node_put\\(\\)" */
}

/* good: each node put once its args are read */
static struct acme_plat *acme_get_platdata_ok(struct device *dev, struct device_node *np)
{
	struct of_phandle_args queue_spec;
	struct acme_plat *plat;
	int ret;

	plat = devm_kzalloc(dev, sizeof(*plat), GFP_KERNEL);
	if (!plat)
		return NULL;

	ret = of_parse_phandle_with_fixed_args(np, "queue-rx", 1, 0, &queue_spec);
	if (ret)
		return NULL;
	plat->rxq = queue_spec.args[0];
	of_node_put(queue_spec.np);

	ret = of_parse_phandle_with_fixed_args(np, "queue-txready", 1, 0, &queue_spec);
	if (ret)
		return NULL;
	plat->txq = queue_spec.args[0];
	of_node_put(queue_spec.np);

	return plat;
}

/* modeled on ixp4xx_hss's probe: the node is never put on any path, the
 * success return included */
static int acme_hss_probe(struct device *dev, struct device_node *np, struct acme_plat *plat)
{
	struct of_phandle_args npe_spec;
	int ret;

	ret = of_parse_phandle_with_fixed_args(np, "intel,npe-handle", 1, 0, &npe_spec);
	if (ret)
		return ret;
	plat->npe = npe_spec.args[0];

	if (!devm_kzalloc(dev, 16, GFP_KERNEL))
		return -12; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 121 is never released, on any path \\(the success return included\\).*fix: call of_node_put\\(npe_spec.np\\) once it is no longer needed \\(after the last use of 'npe_spec'\\), not on an error path only" */
	return 0;
}

/* modeled on ixp4xx_hss_probe(): a chain of lookups into one
 * out-parameter; each node is lost at the next lookup, so a later
 * lookup's failure is not another leak of it */
static int acme_hss_queues(struct device_node *np, struct acme_plat *plat)
{
	struct of_phandle_args queue_spec;
	int ret;

	ret = of_parse_phandle_with_fixed_args(np, "queue-rx", 1, 0, &queue_spec);
	if (ret)
		return ret;
	plat->rxq = queue_spec.args[0];

	ret = of_parse_phandle_with_fixed_args(np, "queue-tx", 1, 0, &queue_spec);
	if (ret)
		return ret; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 139 is lost at line 144, whose call overwrites 'queue_spec.np' \\(when that call fails, it leaks here\\); why: the firmware node's refcount never drops; fix: call of_node_put\\(queue_spec.np\\) once it is no longer needed" */
	plat->txq = queue_spec.args[0];

	ret = of_parse_phandle_with_fixed_args(np, "queue-txdone", 1, 0, &queue_spec);
	if (ret)
		return ret; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 144 is lost at line 149" */
	plat->npe = queue_spec.args[0];
	return 0; /* want "reference from of_parse_phandle_with_fixed_args\\(\\) at line 149 leaks on the success path" */
}
