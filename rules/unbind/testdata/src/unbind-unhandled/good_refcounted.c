// unbind-unhandled: a registry of refcounted entries. The lookup counts
// the entry it hands out under the lock, so its holders keep it after it
// is unregistered. No findings expected.
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

struct acme_port {
	struct device *dev;
	struct list_head node;
	struct kref ref;
};

static LIST_HEAD(acme_port_list);
static DEFINE_MUTEX(acme_port_lock);

void acme_port_unregister(struct acme_port *p)
{
	mutex_lock(&acme_port_lock);
	list_del(&p->node);
	mutex_unlock(&acme_port_lock);
}

struct acme_port *acme_port_find(struct device *dev)
{
	struct acme_port *p;

	mutex_lock(&acme_port_lock);
	list_for_each_entry(p, &acme_port_list, node) {
		if (p->dev == dev) {
			kref_get(&p->ref);
			mutex_unlock(&acme_port_lock);
			return p;
		}
	}
	mutex_unlock(&acme_port_lock);
	return NULL;
}
