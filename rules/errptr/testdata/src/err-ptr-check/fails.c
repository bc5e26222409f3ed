// err-ptr-check: calls that take no reference but fail one way (the fails
// kind of the model), reduced from real fixes: pcs-rzn1-miic.c miic_probe(),
// lan966x_main.c lan966x_create_targets(), phy-sunplus-usb2.c
// update_disc_vol(), ll_temac_main.c temac_open().
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/mdio.h>
#include <linux/fwnode_mdio.h>
#include <linux/phy/phy.h>
#include <linux/phylink.h>
#include <linux/pcs/pcs-xpcs.h>

struct resource { unsigned long start, end; const char *name; };
struct net_device;
struct phy_device;
struct nvmem_cell;
typedef unsigned long size_t;

void *devm_platform_ioremap_resource(struct platform_device *pdev, unsigned int index);
void *devm_ioremap(struct device *dev, unsigned long offset, unsigned long size);
struct resource *platform_get_resource(struct platform_device *pdev, unsigned int type, unsigned int num);
void *nvmem_cell_read(struct nvmem_cell *cell, size_t *len);
struct phy_device *phy_connect(struct net_device *dev, const char *bus_id, void (*handler)(struct net_device *), int interface);
struct phy_device *of_phy_connect(struct net_device *dev, struct device_node *phy_np, void (*hndlr)(struct net_device *), unsigned int flags, int iface);
void phy_start(struct phy_device *phydev);
void kfree(const void *p);

struct miic { struct device *dev; void *base; };

/* devm_platform_ioremap_resource() fails with an ERR_PTR, never NULL */
static int bad_miic_probe(struct platform_device *pdev, struct miic *miic)
{
	miic->base = devm_platform_ioremap_resource(pdev, 0);
	if (!miic->base) /* want "devm_platform_ioremap_resource\\(\\) returns an ERR_PTR on failure, never NULL: 'if \\(!miic->base\\)' lets the error pointer through" */
		return -EINVAL;
	return 0;
}

static int good_miic_probe(struct platform_device *pdev, struct miic *miic)
{
	miic->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(miic->base))
		return PTR_ERR(miic->base);
	return 0;
}

/* devm_ioremap() fails with NULL, never an ERR_PTR */
static int bad_create_targets(struct platform_device *pdev, struct resource **iores, void **begin, int n)
{
	int idx;

	for (idx = 0; idx < n; idx++) {
		begin[idx] = devm_ioremap(&pdev->dev, iores[idx]->start, iores[idx]->end - iores[idx]->start + 1);
		if (IS_ERR(begin[idx])) /* want "devm_ioremap\\(\\) returns NULL on failure, never an ERR_PTR: 'if \\(IS_ERR\\(begin\\[idx\\]\\)\\)' lets NULL through" */
			return PTR_ERR(begin[idx]);
	}
	return 0;
}

static int good_create_targets(struct platform_device *pdev, struct resource **iores, void **begin, int n)
{
	int idx;

	for (idx = 0; idx < n; idx++) {
		begin[idx] = devm_ioremap(&pdev->dev, iores[idx]->start, iores[idx]->end - iores[idx]->start + 1);
		if (!begin[idx])
			return -ENOMEM;
	}
	return 0;
}

/* both tests at once is fine for either convention */
static int good_or_null(struct platform_device *pdev, void **out)
{
	void *p = devm_ioremap(&pdev->dev, 0, 16);

	if (IS_ERR_OR_NULL(p))
		return -ENOMEM;
	*out = p;
	return 0;
}

/* platform_get_resource() fails with NULL */
static int bad_get_resource(struct platform_device *pdev, struct miic *miic)
{
	struct resource *res = platform_get_resource(pdev, 0x200, 0);

	if (IS_ERR(res)) /* want "platform_get_resource\\(\\) returns NULL on failure" */
		return PTR_ERR(res);
	miic->base = devm_ioremap(&pdev->dev, res->start, 16);
	if (!miic->base)
		return -ENOMEM;
	return 0;
}

/* nvmem_cell_read() tested as a pointer: the ERR_PTR is read */
static unsigned int bad_disc_vol(struct nvmem_cell *cell)
{
	unsigned char *otp_v;
	size_t otp_l;
	unsigned int set = 0;

	otp_v = nvmem_cell_read(cell, &otp_l);
	if (otp_v) /* want "nvmem_cell_read\\(\\) returns an ERR_PTR on failure, never NULL: 'if \\(otp_v\\)' lets the error pointer through" */
		set = *(otp_v + 1);
	kfree(otp_v);
	return set;
}

static unsigned int good_disc_vol(struct nvmem_cell *cell)
{
	unsigned char *otp_v;
	size_t otp_l;
	unsigned int set = 0;

	otp_v = nvmem_cell_read(cell, &otp_l);
	if (!IS_ERR(otp_v)) {
		set = *(otp_v + 1);
		kfree(otp_v);
	}
	return set;
}

static void adjust(struct net_device *ndev) { }

/* phy_connect() fails with an ERR_PTR; of_phy_connect() with NULL */
static int bad_temac_open(struct net_device *ndev, const char *name)
{
	struct phy_device *phydev = phy_connect(ndev, name, adjust, 0);

	if (!phydev) /* want "phy_connect\\(\\) returns an ERR_PTR on failure, never NULL" */
		return -ENODEV;
	phy_start(phydev);
	return 0;
}

static int good_temac_open(struct net_device *ndev, const char *name, struct device_node *np)
{
	struct phy_device *phydev;

	if (np) {
		phydev = of_phy_connect(ndev, np, adjust, 0, 0);
		if (!phydev)
			return -ENODEV;
	} else {
		phydev = phy_connect(ndev, name, adjust, 0);
		if (IS_ERR(phydev))
			return PTR_ERR(phydev);
	}
	phy_start(phydev);
	return 0;
}
