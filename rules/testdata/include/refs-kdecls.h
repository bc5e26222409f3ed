/* Kernel-shaped declarations for the reference-rule fixtures (standalone:
 * the stub headers may not declare all of these yet). */
#ifndef REFS_KDECLS_H
#define REFS_KDECLS_H

#ifndef NULL
#define NULL ((void *)0)
#endif
typedef _Bool bool;
#define true 1
#define false 0
typedef unsigned int u32;
typedef unsigned long resource_size_t;
#define ENODEV 19
#define ENOMEM 12
#define EINVAL 22
#define EBUSY 16
#define EPROBE_DEFER 517
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

struct module;
struct device_node;
struct fwnode_handle;
struct resource;
struct phy;
struct clk;
struct device {
	struct device_node *of_node;
	struct fwnode_handle *fwnode;
	struct device *parent;
	void *driver_data;
};
struct platform_device {
	struct device dev;
	const char *name;
};
struct mii_bus {
	struct device dev;
	struct device *parent;
};
struct of_phandle_args {
	struct device_node *np;
	int args_count;
	u32 args[16];
};
struct fwnode_reference_args {
	struct fwnode_handle *fwnode;
	unsigned int nargs;
	unsigned long args[8];
};

long PTR_ERR(const void *ptr);
bool IS_ERR(const void *ptr);
bool IS_ERR_OR_NULL(const void *ptr);
int PTR_ERR_OR_ZERO(const void *ptr);
void *ERR_PTR(long error);
void *ERR_CAST(const void *ptr);

int dev_err(const struct device *dev, const char *fmt, ...);
int dev_warn(const struct device *dev, const char *fmt, ...);
int dev_info(const struct device *dev, const char *fmt, ...);
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);
int pr_err(const char *fmt, ...);
void kfree(const void *p);
void *kzalloc(unsigned long size, int flags);
void *devm_kzalloc(struct device *dev, unsigned long size, int flags);
void *dev_get_drvdata(const struct device *dev);
void platform_set_drvdata(struct platform_device *pdev, void *data);
void *platform_get_drvdata(const struct platform_device *pdev);
#define GFP_KERNEL 0

/* device tree */
struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);
struct device_node *of_parse_phandle(const struct device_node *np, const char *phandle_name, int index);
int of_parse_phandle_with_args(const struct device_node *np, const char *list_name, const char *cells_name, int index, struct of_phandle_args *out_args);
int of_parse_phandle_with_fixed_args(const struct device_node *np, const char *list_name, int cell_count, int index, struct of_phandle_args *out_args);
struct device_node *of_get_parent(const struct device_node *node);
struct device_node *of_get_child_by_name(const struct device_node *node, const char *name);
struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev);
struct device_node *of_get_next_available_child(const struct device_node *node, struct device_node *prev);
struct device_node *of_find_compatible_node(struct device_node *from, const char *type, const char *compat);
struct device_node *of_find_node_by_name(struct device_node *from, const char *name);
int of_property_read_u32(const struct device_node *np, const char *propname, u32 *out_value);
bool of_property_read_bool(const struct device_node *np, const char *propname);
bool of_device_is_available(const struct device_node *device);
bool of_node_name_eq(const struct device_node *np, const char *name);
struct fwnode_handle *of_fwnode_handle(struct device_node *np);
int of_address_to_resource(struct device_node *dev, int index, struct resource *r);
void device_set_node(struct device *dev, struct fwnode_handle *fwnode);
int of_mdiobus_register(struct mii_bus *mdio, struct device_node *np);

#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; \
	     child = of_get_next_child(parent, child))
#define for_each_available_child_of_node(parent, child) \
	for (child = of_get_next_available_child(parent, NULL); child != NULL; \
	     child = of_get_next_available_child(parent, child))
#define for_each_child_of_node_scoped(parent, child) \
	for (struct device_node *child __free(device_node) = \
		     of_get_next_child(parent, NULL); \
	     child != NULL; child = of_get_next_child(parent, child))
#define for_each_compatible_node(dn, type, compatible) \
	for (dn = of_find_compatible_node(NULL, type, compatible); dn; \
	     dn = of_find_compatible_node(dn, type, compatible))

/* scope-based cleanup */
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define __free(_name) __cleanup(__free_##_name)
static inline void __free_device_node(void *p)
{
	struct device_node **pp = p;
	if (*pp)
		of_node_put(*pp);
}
static inline void __free_fwnode_handle(void *p)
{
	struct fwnode_handle **pp = p;
	if (*pp)
		fwnode_handle_put(*pp);
}

/* fwnode */
struct fwnode_handle *fwnode_handle_get(struct fwnode_handle *fwnode);
void fwnode_handle_put(struct fwnode_handle *fwnode);
struct fwnode_handle *fwnode_find_reference(const struct fwnode_handle *fwnode, const char *name, unsigned int index);
struct fwnode_handle *fwnode_get_named_child_node(const struct fwnode_handle *fwnode, const char *childname);
int fwnode_property_read_u32(const struct fwnode_handle *fwnode, const char *propname, u32 *val);
struct fwnode_handle *dev_fwnode(const struct device *dev);

/* devices */
struct device *get_device(struct device *dev);
void put_device(struct device *dev);
void platform_device_put(struct platform_device *pdev);
struct platform_device *of_find_device_by_node(struct device_node *np);
struct resource *__devm_request_region(struct device *dev, struct resource *parent, resource_size_t start, resource_size_t n, const char *name);
struct mii_bus *of_mdio_find_bus(struct device_node *mdio_np);

/* modules */
bool try_module_get(struct module *module);
void module_put(struct module *module);
void __module_get(struct module *module);

/* generic PHY, clocks */
struct phy *phy_get(struct device *dev, const char *string);
struct phy *devm_phy_get(struct device *dev, const char *string);
struct phy *devm_phy_optional_get(struct device *dev, const char *string);
struct phy *of_phy_get(struct device_node *np, const char *con_id);
void phy_put(struct device *dev, struct phy *phy);
void devm_phy_put(struct device *dev, struct phy *phy);
void of_phy_put(struct phy *phy);
int phy_init(struct phy *phy);
int phy_power_on(struct phy *phy);
struct clk *clk_get(struct device *dev, const char *id);
struct clk *devm_clk_get(struct device *dev, const char *id);
void clk_put(struct clk *clk);
int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);

#endif
