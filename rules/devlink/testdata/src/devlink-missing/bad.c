// devlink-missing: findings expected.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/rtnetlink.h>
#include <linux/kref.h>
#include <linux/notifier.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/of_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs.h>

struct phy *acme_phy_lookup(struct device_node *np);

struct acme_serdes {
	struct device *dev;
	int lane;
};

struct acme_port {
	struct acme_serdes *serdes;
	int id;
};

/* the driver data of another device, returned with no link at all */
struct acme_serdes *acme_serdes_get(struct device_node *np) /* want "hands out serdes, another device's object \\(the driver data of a device found by of_find_device_by_node\\(\\)\\) with no device link; why: when .* is unbound, its driver releases what that driver set up with devm: the driver data itself when devm-allocated, and the register mappings and IRQs reached through it, while the consumer still uses .*; fix: add a managed device link from the consumer to the device of_find_device_by_node\\(\\) found \\(pdev\\)" */
{
	struct platform_device *pdev;
	struct acme_serdes *serdes;

	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-EPROBE_DEFER);
	serdes = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	if (!serdes)
		return ERR_PTR(-EPROBE_DEFER);
	return serdes;
}

/* stored into a structure handed to the consumer */
struct acme_port *acme_port_create(struct fwnode_handle *fwnode, int id) /* want "hands out serdes, another device's object \\(the driver data of a device found by bus_find_device_by_fwnode\\(\\)\\) with no device link" */
{
	struct device *sdev;
	struct acme_serdes *serdes;
	struct acme_port *port;

	sdev = bus_find_device_by_fwnode(NULL, fwnode);
	if (!sdev)
		return ERR_PTR(-EPROBE_DEFER);
	serdes = dev_get_drvdata(sdev);
	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port) {
		put_device(sdev);
		return ERR_PTR(-ENOMEM);
	}
	port->serdes = serdes;
	port->id = id;
	return port;
}

/* phy_get()-shaped: module reference, device reference and a stateless
 * link. One defect: module-ref-guard reports it, with the missing managed
 * link as its second fact; not reported again here */
struct phy *acme_phy_get(struct device *dev, struct device_node *np)
{
	struct phy *phy;
	struct device_link *link;

	phy = acme_phy_lookup(np);
	if (IS_ERR(phy))
		return phy;
	if (!try_module_get(phy->ops->owner))
		return ERR_PTR(-EPROBE_DEFER);
	get_device(&phy->dev);
	link = device_link_add(dev, &phy->dev, DL_FLAG_STATELESS);
	if (!link)
		dev_dbg(dev, "failed to create device link to %s\n", dev_name(phy->dev.parent));
	return phy;
}

static void acme_phy_release(struct device *dev, void *res)
{
}

/* devm_phy_get()-shaped: only forwards a same-file getter; never a
 * finding of its own */
struct phy *acme_devm_phy_get(struct device *dev, struct device_node *np)
{
	struct phy **ptr, *phy;

	ptr = devres_alloc(acme_phy_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return ERR_PTR(-ENOMEM);
	phy = acme_phy_get(dev, np);
	if (!IS_ERR(phy)) {
		*ptr = phy;
		devres_add(dev, ptr);
	} else {
		devres_free(ptr);
	}
	return phy;
}

/* and a direct return of a getter */
struct phy *acme_phy_optional_get(struct device *dev, struct device_node *np)
{
	if (!np)
		return NULL;
	return acme_phy_get(dev, np);
}

struct acme_ctx {
	struct acme_serdes *serdes;
};

/* stored directly into the consumer's context */
int acme_ctx_bind(struct acme_ctx *ctx, struct device_node *np) /* want "hands out ctx->serdes, another device's object \\(the driver data of a device found by of_find_device_by_node\\(\\)\\) with no device link" */
{
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return -EPROBE_DEFER;
	ctx->serdes = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	return ctx->serdes ? 0 : -EPROBE_DEFER;
}

/* a wrapper of a reported getter: a related location of acme_serdes_get()'s
 * finding, not a finding */
struct acme_serdes *acme_serdes_get_by_index(struct device_node *np, int index)
{
	struct device_node *child = of_parse_phandle(np, "serdes", index);
	struct acme_serdes *serdes;

	if (!child)
		return ERR_PTR(-ENODEV);
	serdes = acme_serdes_get(child);
	of_node_put(child);
	return serdes;
}

/* a child of another node (found by phandle), not of the consumer's own
 * node: the device is not the consumer's child, a link is the fix */
int acme_ctx_bind_remote(struct acme_ctx *ctx, struct device *dev) /* want "hands out ctx->serdes, another device's object \\(the driver data of a device found by of_find_device_by_node\\(\\)\\) with no device link" */
{
	struct device_node *remote, *np;
	struct platform_device *pdev;

	remote = of_parse_phandle(dev->of_node, "acme,serdes", 0);
	if (!remote)
		return -ENODEV;
	np = of_get_child_by_name(remote, "lane");
	of_node_put(remote);
	if (!np)
		return -ENODEV;
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	if (!pdev)
		return -EPROBE_DEFER;
	ctx->serdes = platform_get_drvdata(pdev);
	put_device(&pdev->dev);
	return ctx->serdes ? 0 : -EPROBE_DEFER;
}
