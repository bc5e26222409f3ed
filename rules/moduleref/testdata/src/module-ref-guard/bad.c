// module-ref-guard: findings expected.
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
struct phylink_pcs *acme_pcs_lookup(struct fwnode_handle *fwnode);

struct acme_mac {
	struct device *dev;
	struct phylink_pcs *pcs;
	struct phy *serdes;
};

/* returns the PHY with a module reference and a device reference only */
struct phy *acme_of_phy_get(struct device_node *np)
{
	struct phy *phy;

	phy = acme_phy_lookup(np);
	if (IS_ERR(phy))
		return phy;
	if (!try_module_get(phy->ops->owner)) /* want "hands out phy guarded only by try_module_get\\(phy->ops->owner\\) and get_device\\(&phy->dev\\)" */
		return ERR_PTR(-EPROBE_DEFER);
	get_device(&phy->dev);
	return phy;
}

/* module reference only, handed out through an out-parameter */
int acme_pcs_get(struct fwnode_handle *fwnode, struct phylink_pcs **out)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs)
		return -EPROBE_DEFER;
	__module_get(pcs->ops->owner); /* want "hands out pcs guarded only by __module_get\\(pcs->ops->owner\\), which do not keep the provider bound; why: __module_get\\(\\) keeps the provider's module code loaded, but nothing keeps the provider bound; unbinding pcs->dev frees the provider's private data the PCS is embedded in" */
	*out = pcs;
	return 0;
}

/* stored into the consumer's structure; the stateless link does not help */
int acme_mac_attach_pcs(struct acme_mac *mac, struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs)
		return -EPROBE_DEFER;
	if (!try_module_get(pcs->ops->owner)) /* want "hands out pcs guarded only by try_module_get\\(pcs->ops->owner\\).*fix: a DL_FLAG_STATELESS link only orders probe and suspend/resume; add a managed device link from the consumer to pcs->dev" */
		return -ENODEV;
	if (!device_link_add(mac->dev, pcs->dev, DL_FLAG_STATELESS)) {
		module_put(pcs->ops->owner);
		return -EINVAL;
	}
	mac->pcs = pcs;
	return 0;
}

/* a managed link whose failure goes unnoticed is no guard */
struct phylink_pcs *acme_pcs_get_unchecked(struct device *dev, struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs)
		return ERR_PTR(-EPROBE_DEFER);
	if (!try_module_get(pcs->ops->owner)) /* want "hands out pcs guarded only by try_module_get\\(pcs->ops->owner\\).*managed device link's result is never checked" */
		return ERR_PTR(-ENODEV);
	device_link_add(dev, pcs->dev, DL_FLAG_AUTOREMOVE_CONSUMER);
	return pcs;
}

/* the seed RFC's pcs_get_tail(): a phylink_pcs lives in its provider's
 * private data and only points at the provider's device, so get_device()
 * keeps that device, not the PCS */
struct phylink_pcs *acme_pcs_get_tail(struct phylink_pcs *pcs)
{
	if (!pcs)
		return ERR_PTR(-EPROBE_DEFER);
	if (!try_module_get(pcs->ops->owner)) /* want "hands out pcs guarded only by try_module_get\\(pcs->ops->owner\\) and get_device\\(pcs->dev\\), which do not keep the provider bound; why: get_device\\(\\) keeps the provider's struct device, not the PCS, and try_module_get\\(\\) keeps" */
		return ERR_PTR(-ENODEV);
	get_device(pcs->dev);
	return pcs;
}

struct acme_lane_ops {
	struct module *owner;
};

/* a type the model does not know, but get_device(&lane->dev) shows it is
 * a device's object: still reported, and the embedded device is said to
 * keep the lane itself */
struct acme_lane {
	struct device dev;
	const struct acme_lane_ops *ops;
};

struct acme_lane *acme_lane_find(struct device_node *np);

struct acme_lane *acme_lane_get(struct device_node *np)
{
	struct acme_lane *lane = acme_lane_find(np);

	if (!lane)
		return ERR_PTR(-EPROBE_DEFER);
	if (!try_module_get(lane->ops->owner)) /* want "hands out lane guarded only by try_module_get\\(lane->ops->owner\\) and get_device\\(&lane->dev\\), which do not keep the provider bound; why: get_device\\(\\) keeps lane allocated, .*its driver frees lane on unbind; .*fix: no device link ties the consumer to the provider: add a managed device link from the consumer to the provider's device" */
		return ERR_PTR(-ENODEV);
	get_device(&lane->dev);
	return lane;
}
