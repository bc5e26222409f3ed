// devlink-missing (and module-ref-guard): ops tables that live in module data, pinned with the
// module reference of their owner (lib80211 crypto in libipw, NFS versions,
// CAN protocols). Nothing there belongs to a device that can be unbound:
// the module reference is the right guard. No findings expected.
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

struct acme_crypto_ops {
	const char *name;
	void *(*init)(int keyidx);
	struct module *owner;
};

struct acme_crypt_data {
	struct list_head list;
	const struct acme_crypto_ops *ops;
	void *priv;
};

const struct acme_crypto_ops *acme_get_crypto_ops(const char *name);

/* libipw_wx.c-shaped: the caller allocates the crypt data itself and
 * points it at a static ops table of the algorithm's module */
int acme_wx_set_encode(struct acme_crypt_data **crypt, int key)
{
	struct acme_crypt_data *new_crypt;

	new_crypt = kzalloc(sizeof(*new_crypt), GFP_KERNEL);
	if (!new_crypt)
		return -ENOMEM;
	new_crypt->ops = acme_get_crypto_ops("WEP");
	if (new_crypt->ops && try_module_get(new_crypt->ops->owner))
		new_crypt->priv = new_crypt->ops->init(key);
	if (!new_crypt->ops || !new_crypt->priv) {
		kfree(new_crypt);
		return -EOPNOTSUPP;
	}
	*crypt = new_crypt;
	return 0;
}

struct acme_proto {
	struct module *owner;
};

struct acme_can_proto {
	int type;
	const struct acme_proto *prot;
};

const struct acme_can_proto *acme_proto_tab[8];

/* af_can.c-shaped: a protocol registered by a module, found in a global
 * table and returned with its module pinned */
const struct acme_can_proto *acme_get_proto(int protocol)
{
	const struct acme_can_proto *cp;

	cp = acme_proto_tab[protocol];
	if (cp && !try_module_get(cp->prot->owner))
		cp = NULL;
	return cp;
}

struct acme_subversion {
	struct module *owner;
};

struct acme_client {
	const struct acme_subversion *cl_mod;
	int minor;
};

/* nfs client.c-shaped: a client the function allocates, pinning the
 * version module its rpc ops come from */
struct acme_client *acme_alloc_client(const struct acme_subversion *mod)
{
	struct acme_client *clp;

	clp = kzalloc(sizeof(*clp), GFP_KERNEL);
	if (!clp)
		return ERR_PTR(-ENOMEM);
	clp->cl_mod = mod;
	if (!try_module_get(clp->cl_mod->owner)) {
		kfree(clp);
		return ERR_PTR(-EPROTONOSUPPORT);
	}
	return clp;
}
struct acme_protocol {
	struct module *owner;
	int (*init_proto)(void *pi);
};

struct acme_adapter {
	struct device dev;
	const struct acme_protocol *proto;
	int delay;
};

/* pata_parport.c-shaped: the adapter is the function's own (it embeds a
 * struct device, but nobody else's driver frees it), and the function
 * picks the protocol itself: the module reference pins that protocol */
struct acme_adapter *acme_pi_init_one(const struct acme_protocol *pr)
{
	struct acme_adapter *pi;

	pi = kzalloc(sizeof(*pi), GFP_KERNEL);
	if (!pi)
		return NULL;
	pi->proto = pr;
	if (!try_module_get(pi->proto->owner)) {
		kfree(pi);
		return NULL;
	}
	return pi;
}
