// module-ref-guard: drivers/phy/phy-core.c-shaped getters. Each defect is
// reported once, at the root getter, with both of its facts (the module
// reference is no guard, no managed link replaces it); the devm_ and
// _optional wrappers that only pass the phy on are related locations.
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

/* of_phy_get()-shaped: no link at all. The phy embeds its struct device,
 * so get_device() does keep the phy; what goes is the provider's binding */
struct phy *acme_of_phy_get(struct device_node *np)
{
	struct phy *phy;

	phy = acme_phy_lookup(np);
	if (IS_ERR(phy))
		return phy;
	if (!try_module_get(phy->ops->owner)) /* want "hands out phy guarded only by try_module_get\\(phy->ops->owner\\) and get_device\\(&phy->dev\\), which do not keep the provider bound; why: get_device\\(\\) keeps the PHY allocated, and try_module_get\\(\\) keeps the provider's module code loaded, but nothing keeps the provider bound; unbinding phy->dev.parent frees the provider's driver data, register mappings and IRQs the PHY's ops use; .*fix: no device link ties the consumer to the provider: add a managed device link from the consumer to phy->dev.parent" */
		return ERR_PTR(-EPROBE_DEFER);
	get_device(&phy->dev);
	return phy;
}

/* phy_get()-shaped: the stateless link points at the class device
 * &phy->dev, which never binds a driver. Dropping DL_FLAG_STATELESS there
 * would give a link that never becomes active; the advice keeps it (for
 * runtime PM) and links to the provider, phy->dev.parent */
struct phy *acme_phy_get(struct device *dev, struct device_node *np)
{
	struct phy *phy;
	struct device_link *link;

	phy = acme_phy_lookup(np);
	if (IS_ERR(phy))
		return phy;
	if (!try_module_get(phy->ops->owner)) /* want "hands out phy guarded only by .*fw_devlink \\(fw_devlink=on, the default\\) already makes a managed link for a consumer that names the PHY in its device tree \"phys\" property, so this matters for consumers without that firmware link: fw_devlink=off or permissive, lookups not from the device tree.*; fix: its DL_FLAG_STATELESS link points at &phy->dev, a class device that never binds a driver: keep it for runtime PM and add a managed device link from the consumer to phy->dev.parent \\(device_link_add\\(\\) without DL_FLAG_STATELESS, e.g. DL_FLAG_AUTOREMOVE_CONSUMER\\) and check the result$" */
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

/* devm_phy_get()-shaped: only forwards acme_phy_get(); a related location
 * of the root finding, not a second one */
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

/* devm_phy_optional_get()-shaped: forwards the forwarder */
struct phy *acme_devm_phy_optional_get(struct device *dev, struct device_node *np)
{
	struct phy *phy = acme_devm_phy_get(dev, np);

	if (PTR_ERR(phy) == -ENODEV)
		phy = NULL;
	return phy;
}

/* *_optional_get()-shaped: a direct return */
struct phy *acme_phy_optional_get(struct device *dev, struct device_node *np)
{
	if (!np)
		return NULL;
	return acme_phy_get(dev, np);
}
