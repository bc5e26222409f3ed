// lookup-after-unlock: no findings expected.
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
	struct device *dev;
	struct list_head node;
	struct kref ref;
};

static LIST_HEAD(acme_pcs_list);
static DEFINE_MUTEX(acme_pcs_mutex);

/* the reference is taken before the unlock */
struct acme_pcs *acme_pcs_get(struct device *dev)
{
	struct acme_pcs *p;

	mutex_lock(&acme_pcs_mutex);
	list_for_each_entry(p, &acme_pcs_list, node) {
		if (p->dev == dev) {
			kref_get(&p->ref);
			mutex_unlock(&acme_pcs_mutex);
			return p;
		}
	}
	mutex_unlock(&acme_pcs_mutex);
	return NULL;
}

/* the caller holds the lock across the lookup and the reference */
static struct acme_pcs *__acme_pcs_find(struct device *dev)
{
	struct acme_pcs *p;

	list_for_each_entry(p, &acme_pcs_list, node)
		if (p->dev == dev)
			return p;
	return NULL;
}

struct acme_pcs *acme_pcs_get_locked(struct device *dev)
{
	struct acme_pcs *p;

	mutex_lock(&acme_pcs_mutex);
	p = __acme_pcs_find(dev);
	if (p)
		get_device(p->dev);
	mutex_unlock(&acme_pcs_mutex);
	return p;
}

/* the found entry is only tested, never pinned */
static struct acme_pcs *acme_pcs_find(struct device *dev)
{
	struct acme_pcs *p, *found = NULL;

	mutex_lock(&acme_pcs_mutex);
	list_for_each_entry(p, &acme_pcs_list, node)
		if (p->dev == dev)
			found = p;
	mutex_unlock(&acme_pcs_mutex);
	return found;
}

bool acme_pcs_registered(struct device *dev)
{
	return acme_pcs_find(dev) != NULL;
}
