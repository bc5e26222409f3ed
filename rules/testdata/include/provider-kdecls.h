/* Kernel-shaped declarations for the provider-lifetime fixtures
 * (standalone: the stub headers may not declare these). */
#ifndef LIFETIME_KDECLS_H
#define LIFETIME_KDECLS_H

#ifndef NULL
#define NULL ((void *)0)
/* misc */
#define EXPORT_SYMBOL_GPL(sym) extern int __export_dummy_##sym
#define pr_devel(fmt, ...) printk(fmt, ##__VA_ARGS__)
const char *dev_driver_string(const struct device *dev);

#endif
typedef _Bool bool;
#define true 1
#define false 0
typedef unsigned int u32;
typedef unsigned long size_t;
#define ENODEV 19
#define ENOMEM 12
#define EINVAL 22
#define ENODATA 61
#define ENOENT 2
#define EPROBE_DEFER 517
#define GFP_KERNEL 0x0cc0u
#define BIT(n) (1UL << (n))
#define __always_unused __attribute__((unused))

#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })

long PTR_ERR(const void *ptr);
bool IS_ERR(const void *ptr);
bool IS_ERR_OR_NULL(const void *ptr);
void *ERR_PTR(long error);
void *ERR_CAST(const void *ptr);
void *kzalloc(size_t size, unsigned int flags);
void kfree(const void *p);
int printk(const char *fmt, ...);

/* lists */
struct list_head {
	struct list_head *next, *prev;
};
#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
void INIT_LIST_HEAD(struct list_head *list);
void list_add(struct list_head *new, struct list_head *head);
void list_add_tail(struct list_head *new, struct list_head *head);
void list_del(struct list_head *entry);
void list_del_init(struct list_head *entry);
int list_is_head(const struct list_head *list, const struct list_head *head);
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_next_entry(pos, member) list_entry((pos)->member.next, typeof(*(pos)), member)
#define list_entry_is_head(pos, head, member) list_is_head(&pos->member, (head))
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* locks */
struct mutex {
	int count;
};
#define DEFINE_MUTEX(name) struct mutex name = { 0 }
void mutex_lock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
typedef struct {
	int rlock;
} spinlock_t;
#define DEFINE_SPINLOCK(x) spinlock_t x = { 0 }
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
typedef struct {
	struct mutex *lock;
} class_mutex_t;
void class_mutex_destructor(class_mutex_t *t);
class_mutex_t class_mutex_constructor(struct mutex *m);
#define guard(_name) \
	class_##_name##_t __guard_var __attribute__((cleanup(class_##_name##_destructor))) = class_##_name##_constructor
void rtnl_lock(void);
void rtnl_unlock(void);

/* refcounts */
struct kref {
	int refcount;
};
void kref_get(struct kref *kref);
int kref_put(struct kref *kref, void (*release)(struct kref *kref));
struct notifier_block;
struct blocking_notifier_head {
	struct notifier_block *head;
};
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v);

/* modules, devices */
struct module;
#define THIS_MODULE ((struct module *)0)
bool try_module_get(struct module *module);
void __module_get(struct module *module);
void module_put(struct module *module);
struct device_node;
struct fwnode_handle;
struct device_driver {
	const char *name;
	bool suppress_bind_attrs;
};
struct device {
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	struct device *parent;
	struct device_driver *driver;
	void *driver_data;
};
struct platform_device {
	struct device dev;
	const char *name;
};
struct platform_driver {
	int (*probe)(struct platform_device *pdev);
	void (*remove)(struct platform_device *pdev);
	struct device_driver driver;
};
#define module_platform_driver(d) \
	int __init_##d(void) { return platform_driver_register(&d); }
int platform_driver_register(struct platform_driver *drv);
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
void *dev_get_drvdata(const struct device *dev);
void dev_set_drvdata(struct device *dev, void *data);
void *platform_get_drvdata(const struct platform_device *pdev);
void platform_set_drvdata(struct platform_device *pdev, void *data);
struct platform_device *of_find_device_by_node(struct device_node *np);
struct device *bus_find_device_by_fwnode(void *bus, const struct fwnode_handle *fwnode);
struct device *class_find_device_by_name(void *class, const char *name);
struct device_node *of_parse_phandle(const struct device_node *np, const char *name, int index);
void of_node_put(struct device_node *np);
struct fwnode_handle *fwnode_find_reference(const struct fwnode_handle *fwnode, const char *name, unsigned int index);
void fwnode_handle_put(struct fwnode_handle *fwnode);
int fwnode_property_match_string(const struct fwnode_handle *fwnode, const char *propname, const char *string);
const char *dev_name(const struct device *dev);
int dev_err(const struct device *dev, const char *fmt, ...);
int dev_dbg(const struct device *dev, const char *fmt, ...);

/* device links */
#define DL_FLAG_STATELESS BIT(0)
#define DL_FLAG_AUTOREMOVE_CONSUMER BIT(1)
#define DL_FLAG_PM_RUNTIME BIT(5)
struct device_link;
struct device_link *device_link_add(struct device *consumer, struct device *supplier, u32 flags);
void device_link_del(struct device_link *link);

/* devres */
typedef void (*dr_release_t)(struct device *dev, void *res);
void *devres_alloc(dr_release_t release, size_t size, unsigned int gfp);
void devres_free(void *res);
void devres_add(struct device *dev, void *res);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data);

/* PCS (with the RFC's dev, list and ops->owner) */
struct phylink_pcs;
struct phylink_pcs_ops {
	struct module *owner;
	int (*pcs_config)(struct phylink_pcs *pcs);
	void (*pcs_get_state)(struct phylink_pcs *pcs);
	void (*pcs_an_restart)(struct phylink_pcs *pcs);
};
struct phylink_pcs {
	struct device *dev;
	const struct phylink_pcs_ops *ops;
	struct list_head list;
	bool poll;
};
int pcs_register(struct phylink_pcs *pcs);
void pcs_unregister(struct phylink_pcs *pcs);
int devm_pcs_register(struct device *dev, struct phylink_pcs *pcs);
int fwnode_pcs_add_provider(struct fwnode_handle *fwnode, struct phylink_pcs *pcs);
void fwnode_pcs_del_provider(struct fwnode_handle *fwnode);
void phylink_release_pcs(struct phylink_pcs *pcs);

/* MDIO devices */
struct mii_bus;
struct mdio_device {
	struct device dev;
	struct mii_bus *bus;
	int addr;
};
struct mdio_device *fwnode_mdio_find_device(struct fwnode_handle *fwnode);
struct mdio_device *of_mdio_find_device(struct device_node *np);
struct mdio_device *mdio_device_create(struct mii_bus *bus, int addr);
void mdio_device_get(struct mdio_device *mdiodev);
void mdio_device_put(struct mdio_device *mdiodev);
void mdio_device_free(struct mdio_device *mdiodev);
int mdiodev_read(struct mdio_device *mdiodev, unsigned int reg);
bool fwnode_device_is_available(const struct fwnode_handle *fwnode);

/* generic PHY */
struct phy;
struct phy_ops {
	int (*init)(struct phy *phy);
	struct module *owner;
};
struct phy {
	struct device dev;
	int id;
	const struct phy_ops *ops;
	struct list_head node;
};

/* misc */
#define EXPORT_SYMBOL_GPL(sym) extern int __export_dummy_##sym
#define pr_devel(fmt, ...) printk(fmt, ##__VA_ARGS__)
const char *dev_driver_string(const struct device *dev);

#endif
