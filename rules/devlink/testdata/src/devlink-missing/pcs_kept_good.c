// devlink-missing: MDIO devices found and used, or kept with a managed
// link: no findings.
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

struct phylink_pcs *acme_pcs_create(struct mdio_device *mdio);
int acme_pcs_probe_id(struct mdio_device *mdio);

struct acme_mac {
	struct device *dev;
	struct phylink_pcs *pcs;
	int id;
};

/* the consumer links itself to the MDIO device it keeps */
int acme_mac_pcs_init_linked(struct acme_mac *mac, struct fwnode_handle *node)
{
	struct mdio_device *mdio;
	struct phylink_pcs *pcs;

	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return -EPROBE_DEFER;
	if (!device_link_add(mac->dev, &mdio->dev, DL_FLAG_AUTOREMOVE_CONSUMER)) {
		mdio_device_put(mdio);
		return -EINVAL;
	}
	pcs = acme_pcs_create(mdio);
	mdio_device_put(mdio);
	if (IS_ERR(pcs))
		return PTR_ERR(pcs);
	mac->pcs = pcs;
	return 0;
}

/* found, read, put: nothing kept */
int acme_mac_read_id(struct acme_mac *mac, struct fwnode_handle *node)
{
	struct mdio_device *mdio;
	int id;

	mdio = fwnode_mdio_find_device(node);
	if (!mdio)
		return -EPROBE_DEFER;
	id = acme_pcs_probe_id(mdio);
	mdio_device_put(mdio);
	mac->id = id;
	return 0;
}

/* a device it creates itself is not another driver's object */
struct mdio_device *acme_mdio_new(struct mii_bus *bus)
{
	struct mdio_device *mdio;

	mdio = mdio_device_create(bus, 0);
	if (IS_ERR(mdio))
		return mdio;
	return mdio;
}
