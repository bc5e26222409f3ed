// devlink-missing: a PCS that keeps an MDIO device found by a lookup
// (pcs-lynx.c / pcs-xpcs.c-shaped): the PCS holds only a reference count
// on a device whose bus belongs to another driver.
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

struct acme_pcs {
	struct mdio_device *mdio;
	struct phylink_pcs pcs;
};

/* keeps the device it is given, with a reference of its own: the caller
 * found it, so nothing here says it is another driver's (not reported) */
struct phylink_pcs *acme_pcs_create(struct mdio_device *mdio)
{
	struct acme_pcs *p;

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return ERR_PTR(-ENOMEM);
	mdio_device_get(mdio);
	p->mdio = mdio;
	return &p->pcs;
}

struct phylink_pcs *acme_pcs_create_fwnode(struct fwnode_handle *node) /* want "hands out pcs, another device's object \\(it keeps mdio, a device found by fwnode_mdio_find_device\\(\\), through acme_pcs_create\\(\\)\\) with no device link; why: pcs itself is the consumer's, but its reference count keeps mdio allocated, not the device that unbinds: unbinding mdio->bus->parent frees the MDIO bus the device sits on \\(the MDIO device itself usually has no driver: the device that unbinds is the MDIO controller\\); fix: add a managed device link from the consumer to mdio->bus->parent .*acme_pcs_create_fwnode\\(\\) is not given the consumer's device" */
{
	struct mdio_device *mdio;
	struct phylink_pcs *pcs;

	if (!fwnode_device_is_available(node))
		return ERR_PTR(-ENODEV);
	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return ERR_PTR(-EPROBE_DEFER);
	pcs = acme_pcs_create(mdio);
	/* acme_pcs_create() took its own reference */
	mdio_device_put(mdio);
	return pcs;
}

/* returned directly */
struct phylink_pcs *acme_pcs_create_of(struct device_node *np) /* want "hands out the result of acme_pcs_create\\(\\), another device's object \\(it keeps mdio, a device found by of_mdio_find_device\\(\\), through acme_pcs_create\\(\\)\\) with no device link" */
{
	struct mdio_device *mdio;

	mdio = of_mdio_find_device(np);
	if (!mdio)
		return ERR_PTR(-EPROBE_DEFER);
	return acme_pcs_create(mdio);
}

struct acme_mac {
	struct device *dev;
	struct phylink_pcs *pcs;
};

/* dpaa2-mac-shaped consumer: keeps the PCS, links nothing */
int acme_mac_pcs_init(struct acme_mac *mac, struct fwnode_handle *node) /* want "hands out pcs, another device's object \\(it keeps mdiodev, a device found by fwnode_mdio_find_device\\(\\), through acme_pcs_create\\(\\)\\) with no device link; why: .*add a managed device link from the consumer to mdiodev->bus->parent" */
{
	struct mdio_device *mdiodev;
	struct phylink_pcs *pcs;

	mdiodev = fwnode_mdio_find_device(node);
	if (!mdiodev)
		return -EPROBE_DEFER;
	pcs = acme_pcs_create(mdiodev);
	mdio_device_put(mdiodev);
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	mac->pcs = pcs;
	return 0;
}
