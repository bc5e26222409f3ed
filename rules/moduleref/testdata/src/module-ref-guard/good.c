// module-ref-guard: no findings expected.
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

struct acme_ops {
	struct module *owner;
	int (*start)(void);
};
struct acme_ops *acme_ops_lookup(const char *name);

struct acme_mac {
	struct device *dev;
	struct phylink_pcs *pcs;
};

/* a managed device link unbinds the consumer before the provider goes */
struct phylink_pcs *acme_pcs_get_linked(struct device *dev, struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs)
		return ERR_PTR(-EPROBE_DEFER);
	if (!try_module_get(pcs->ops->owner))
		return ERR_PTR(-ENODEV);
	if (!device_link_add(dev, pcs->dev, DL_FLAG_AUTOREMOVE_CONSUMER)) {
		module_put(pcs->ops->owner);
		return ERR_PTR(-EINVAL);
	}
	return pcs;
}

/* an ops structure lives in its module: pinning the module is the guard */
struct acme_ops *acme_ops_get(const char *name)
{
	struct acme_ops *ops = acme_ops_lookup(name);

	if (ops && !try_module_get(ops->owner))
		return NULL;
	return ops;
}

/* the module is held only while the provider is called, not handed out */
int acme_pcs_restart(struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs || !try_module_get(pcs->ops->owner))
		return -ENODEV;
	pcs->ops->pcs_an_restart(pcs);
	module_put(pcs->ops->owner);
	return 0;
}

/* dropped again before the object is handed out */
struct phylink_pcs *acme_pcs_peek(struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);

	if (!pcs || !try_module_get(pcs->ops->owner))
		return NULL;
	pcs->ops->pcs_an_restart(pcs);
	module_put(pcs->ops->owner);
	return pcs;
}

/* a managed link checked through its variable */
struct phylink_pcs *acme_pcs_get_linked2(struct device *dev, struct fwnode_handle *fwnode)
{
	struct phylink_pcs *pcs = acme_pcs_lookup(fwnode);
	struct device_link *link;

	if (!pcs || !try_module_get(pcs->ops->owner))
		return ERR_PTR(-ENODEV);
	link = device_link_add(dev, pcs->dev, DL_FLAG_AUTOREMOVE_CONSUMER);
	if (!link) {
		module_put(pcs->ops->owner);
		return ERR_PTR(-EINVAL);
	}
	return pcs;
}

/* the caller's own object stored into a bus it allocates (alloc_mdio_bitbang() shape) */
struct acme_bus {
	struct phylink_pcs *priv;
};
struct acme_bus *acme_bus_alloc(void);
struct acme_bus *acme_alloc_bus(struct phylink_pcs *ctrl)
{
	struct acme_bus *bus = acme_bus_alloc();

	if (!bus)
		return NULL;
	__module_get(ctrl->ops->owner);
	bus->priv = ctrl;
	return bus;
}
