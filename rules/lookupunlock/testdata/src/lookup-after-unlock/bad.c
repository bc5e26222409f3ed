// lookup-after-unlock: findings expected.
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
	const struct phylink_pcs_ops *ops;
};

static LIST_HEAD(acme_pcs_list);
static DEFINE_SPINLOCK(acme_pcs_lock);
static DEFINE_MUTEX(acme_pcs_mutex);

static struct acme_pcs *acme_pcs_find(struct device *dev)
{
	struct acme_pcs *p, *found = NULL;

	spin_lock(&acme_pcs_lock);
	list_for_each_entry(p, &acme_pcs_list, node) {
		if (p->dev == dev) {
			found = p;
			break;
		}
	}
	spin_unlock(&acme_pcs_lock);
	return found;
}

/* the caller pins the entry after the lookup dropped the lock */
struct acme_pcs *acme_pcs_get(struct device *dev)
{
	struct acme_pcs *pcs = acme_pcs_find(dev);

	if (!pcs)
		return ERR_PTR(-EPROBE_DEFER);
	get_device(pcs->dev); /* want "acme_pcs_find\\(\\) returns found after dropping acme_pcs_lock; the references are taken only afterwards, here; why: it can be unregistered and freed in between; fix: take the references before spin_unlock\\(\\)" */
	return pcs;
}

/* the lookup pins the entry itself, but only after the unlock */
struct acme_pcs *acme_pcs_lookup_get(struct device *dev)
{
	struct acme_pcs *p;

	mutex_lock(&acme_pcs_mutex);
	list_for_each_entry(p, &acme_pcs_list, node)
		if (p->dev == dev)
			goto out;
	p = NULL;
out:
	mutex_unlock(&acme_pcs_mutex);
	if (p)
		kref_get(&p->ref); /* want "takes its references on p only after dropping acme_pcs_mutex; why: it can be unregistered and freed in between; fix: take the references before mutex_unlock\\(\\)" */
	return p;
}

/* a guard drops the lock when the lookup returns */
static struct acme_pcs *acme_pcs_find_guarded(struct device *dev)
{
	struct acme_pcs *p;

	guard(mutex)(&acme_pcs_mutex);
	list_for_each_entry(p, &acme_pcs_list, node)
		if (p->dev == dev)
			return p;
	return NULL;
}

struct acme_pcs *acme_pcs_get_guarded(struct device *dev)
{
	struct acme_pcs *p = acme_pcs_find_guarded(dev);

	if (p && !try_module_get(p->ops->owner)) /* want "acme_pcs_find_guarded\\(\\) returns p after dropping acme_pcs_mutex; the references are taken only afterwards, here.*before the end of the guard's scope" */
		return NULL;
	return p;
}
