/* Kernel-shaped declarations for the err-ptr-check fixtures (standalone:
 * the stub headers may not declare all of these yet). */
#ifndef ERRPTR_KDECLS_H
#define ERRPTR_KDECLS_H

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
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

struct device { struct device_node *of_node; struct fwnode_handle *fwnode; };
struct device_node;
struct fwnode_handle;
struct phy;
struct clk;
struct phylink;
struct phylink_config;
struct phylink_pcs;
struct mdio_device { struct device dev; };
struct platform_device { struct device dev; };

long PTR_ERR(const void *ptr);
bool IS_ERR(const void *ptr);
bool IS_ERR_OR_NULL(const void *ptr);
int PTR_ERR_OR_ZERO(const void *ptr);
void *ERR_PTR(long error);
void *ERR_CAST(const void *ptr);
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);

struct phy *devm_phy_get(struct device *dev, const char *string);
struct phy *devm_phy_optional_get(struct device *dev, const char *string);
int phy_init(struct phy *phy);
struct fwnode_handle *fwnode_find_reference(const struct fwnode_handle *fwnode, const char *name, unsigned int index);
void fwnode_handle_put(struct fwnode_handle *fwnode);
struct phylink *phylink_create(struct phylink_config *config, const struct fwnode_handle *fwnode, int iface, const void *mac_ops);
struct phylink_pcs *xpcs_create_fwnode(struct fwnode_handle *fwnode, int interface);
struct device_node *of_parse_phandle(const struct device_node *np, const char *phandle_name, int index);
void of_node_put(struct device_node *node);
struct platform_device *of_find_device_by_node(struct device_node *np);
struct mdio_device *fwnode_mdio_find_device(struct fwnode_handle *fwnode);
struct clk *clk_get(struct device *dev, const char *id);
void put_device(struct device *dev);

#endif
