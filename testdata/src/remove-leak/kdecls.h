/* Kernel-shaped declarations for the remove-leak fixtures (standalone: the
 * stub headers may not declare all of these yet). */
#ifndef REMOVELEAK_KDECLS_H
#define REMOVELEAK_KDECLS_H

#ifndef NULL
#define NULL ((void *)0)
#endif
typedef _Bool bool;
#define true 1
#define false 0
#define ENODEV 19
#define ENOMEM 12
#define EINVAL 22
#define EPROBE_DEFER 517
#define GFP_KERNEL 0

struct device_node;
struct fwnode_handle;
struct module;
struct device_driver {
	const char *name;
	struct module *owner;
	bool suppress_bind_attrs;
	const void *of_match_table;
};
struct device { struct device_node *of_node; struct fwnode_handle *fwnode; struct device_driver *driver; };
struct platform_device { struct device dev; const char *name; };
struct mdio_device { struct device dev; int addr; };
struct i2c_client { struct device dev; unsigned short addr; };
struct phy_device { struct mdio_device mdio; void *priv; };
struct phy;
struct clk;
struct phylink;
struct phylink_pcs;

struct platform_driver {
	int (*probe)(struct platform_device *);
	void (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
	struct device_driver driver;
};
struct mdio_driver_common { struct device_driver driver; int flags; };
struct mdio_driver {
	struct mdio_driver_common mdiodrv;
	int (*probe)(struct mdio_device *);
	void (*remove)(struct mdio_device *);
};
struct i2c_driver {
	int (*probe)(struct i2c_client *);
	void (*remove)(struct i2c_client *);
	struct device_driver driver;
};
struct phy_driver {
	struct mdio_driver_common mdiodrv;
	unsigned int phy_id;
	const char *name;
	int (*probe)(struct phy_device *);
	void (*remove)(struct phy_device *);
};

long PTR_ERR(const void *ptr);
void *ERR_PTR(long error);
bool IS_ERR(const void *ptr);
void *devm_kzalloc(struct device *dev, unsigned long size, int gfp);
void *platform_get_drvdata(const struct platform_device *pdev);
void platform_set_drvdata(struct platform_device *pdev, void *data);
void *dev_get_drvdata(const struct device *dev);
void dev_set_drvdata(struct device *dev, void *data);
int devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data);
/* what the kernel's devm_add_action_or_reset() macro expands to */
int __devm_add_action_or_reset(struct device *dev, void (*action)(void *), void *data, const char *name);
int of_device_is_available(const struct device_node *device);

struct device_node *of_parse_phandle(const struct device_node *np, const char *phandle_name, int index);
struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);
struct device_node *of_get_child_by_name(const struct device_node *node, const char *name);
struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev);
#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; child = of_get_next_child(parent, child))
struct platform_device *of_find_device_by_node(struct device_node *np);
void put_device(struct device *dev);
void platform_device_put(struct platform_device *pdev);
struct mdio_device *fwnode_mdio_find_device(struct fwnode_handle *fwnode);
void mdio_device_put(struct mdio_device *mdiodev);
struct fwnode_handle *fwnode_find_reference(const struct fwnode_handle *fwnode, const char *name, unsigned int index);
void fwnode_handle_put(struct fwnode_handle *fwnode);
struct phylink_pcs *lynx_pcs_create_fwnode(struct fwnode_handle *node);
void lynx_pcs_destroy(struct phylink_pcs *pcs);
struct phylink_pcs *xpcs_create_fwnode(struct fwnode_handle *fwnode, int interface);
void xpcs_destroy(struct phylink_pcs *pcs);
struct phy *devm_phy_get(struct device *dev, const char *string);
struct clk *devm_clk_get(struct device *dev, const char *id);
struct clk *clk_get(struct device *dev, const char *id);
void clk_put(struct clk *clk);

#endif
