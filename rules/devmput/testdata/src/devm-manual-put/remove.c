// devm-manual-put: probe allocates with a devm getter and .remove frees by
// hand, reduced from mdio-thunder.c thunder_mdiobus_pci_remove()
// (mdiobus_free() of a devm_mdiobus_alloc_size() bus) and wcd934x.c
// wcd934x_slim_remove() (kfree() of devm_kzalloc() driver data).
// Self-contained: declares what it uses.
#define NULL ((void *)0)
#define ENOMEM 12
#define GFP_KERNEL 0
typedef unsigned long size_t;
struct device { void *p; };
struct pci_dev { struct device dev; };
struct mii_bus { void *priv; };
void *devm_kzalloc(struct device *dev, size_t size, int gfp);
void *kzalloc(size_t size, int gfp);
void kfree(const void *p);
void devm_kfree(struct device *dev, const void *p);
void *dev_get_drvdata(const struct device *dev);
void dev_set_drvdata(struct device *dev, void *data);
void *pci_get_drvdata(struct pci_dev *pdev);
struct mii_bus *devm_mdiobus_alloc_size(struct device *dev, int sizeof_priv);
void mdiobus_free(struct mii_bus *bus);
void mdiobus_unregister(struct mii_bus *bus);

struct cavium_mdiobus { struct mii_bus *mii_bus; };
struct thunder_nexus { struct cavium_mdiobus *buses[4]; };

static int thunder_probe(struct pci_dev *pdev, struct thunder_nexus *nexus)
{
	int i;

	for (i = 0; i < 4; i++) {
		struct cavium_mdiobus *bus;

		bus = devm_kzalloc(&pdev->dev, sizeof(*bus), GFP_KERNEL);
		if (!bus)
			return -ENOMEM;
		bus->mii_bus = devm_mdiobus_alloc_size(&pdev->dev, 0);
		if (!bus->mii_bus)
			return -ENOMEM;
		nexus->buses[i] = bus;
	}
	return 0;
}

static void thunder_remove(struct pci_dev *pdev)
{
	struct thunder_nexus *nexus = pci_get_drvdata(pdev);
	int i;

	for (i = 0; i < 4; i++) {
		struct cavium_mdiobus *bus = nexus->buses[i];

		if (!bus)
			continue;
		mdiobus_unregister(bus->mii_bus);
		mdiobus_free(bus->mii_bus); /* want "mdiobus_free\\(bus->mii_bus\\) frees by hand a struct mii_bus that this file allocates only with devm_mdiobus_alloc_size\\(\\), whose devres action frees it again when the device is unbound; why: double free" */
	}
}

struct ddata { int irq; };

static int wcd_probe(struct device *dev)
{
	struct ddata *ddata = devm_kzalloc(dev, sizeof(*ddata), GFP_KERNEL);

	if (!ddata)
		return -ENOMEM;
	dev_set_drvdata(dev, ddata);
	return 0;
}

static void wcd_remove(struct device *dev)
{
	struct ddata *ddata = dev_get_drvdata(dev);

	kfree(ddata); /* want "kfree\\(ddata\\) frees by hand a struct ddata that this file allocates only with devm_kzalloc\\(\\)" */
}

/* good: devm_kfree() is the devm release */
static void wcd_remove_good(struct device *dev)
{
	struct ddata *ddata = dev_get_drvdata(dev);

	devm_kfree(dev, ddata);
}

/* tricky good: a type the file also allocates with kzalloc() */
struct state { int x; };

static int st_probe(struct device *dev, int early)
{
	struct state *st;

	if (early)
		st = kzalloc(sizeof(*st), GFP_KERNEL);
	else
		st = devm_kzalloc(dev, sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	dev_set_drvdata(dev, st);
	return 0;
}

static void st_remove(struct device *dev)
{
	struct state *st = dev_get_drvdata(dev);

	kfree(st);
}

/* tricky good: a devm_clk_get_enabled() clock toggled in runtime PM */
struct clk;
struct clk *devm_clk_get_enabled(struct device *dev, const char *id);
void clk_disable_unprepare(struct clk *clk);
int clk_prepare_enable(struct clk *clk);
struct pm { struct clk *clk; };

static int pm_probe(struct device *dev, struct pm *p)
{
	p->clk = devm_clk_get_enabled(dev, NULL);
	if (!p->clk)
		return -ENOMEM;
	return 0;
}

static int pm_suspend(struct pm *p)
{
	clk_disable_unprepare(p->clk);
	return 0;
}

static int pm_resume(struct pm *p)
{
	return clk_prepare_enable(p->clk);
}
