// devm-manual-put: undoing by hand what a devres action undoes (a free, a
// clock disable), reduced from real fixes: pmecc.c atmel_pmecc_create_user()
// (kfree() of devm_kzalloc() memory), mdio-octeon.c octeon_mdiobus_probe()
// (mdiobus_free() of a devm_mdiobus_alloc_size() bus), aspeed-acry.c
// aspeed_acry_probe() (clk_disable_unprepare() of devm_clk_get_enabled()).
// Self-contained: declares what it uses.
#define NULL ((void *)0)
#define ENOMEM 12
#define GFP_KERNEL 0
typedef unsigned long size_t;
typedef _Bool bool;
struct device { void *p; };
struct platform_device { struct device dev; };
struct mii_bus { void *priv; const char *name; };
struct clk;
long PTR_ERR(const void *ptr);
bool IS_ERR(const void *ptr);
void *ERR_CAST(const void *ptr);
void *devm_kzalloc(struct device *dev, size_t size, int gfp);
void devm_kfree(struct device *dev, const void *p);
void *kzalloc(size_t size, int gfp);
void kfree(const void *p);
struct mii_bus *devm_mdiobus_alloc_size(struct device *dev, int sizeof_priv);
struct mii_bus *mdiobus_alloc_size(size_t size);
void mdiobus_free(struct mii_bus *bus);
int mdiobus_register(struct mii_bus *bus);
struct clk *devm_clk_get_enabled(struct device *dev, const char *id);
struct clk *devm_clk_get(struct device *dev, const char *id);
int clk_prepare_enable(struct clk *clk);
void clk_disable_unprepare(struct clk *clk);
void *get_tables(int strength);

struct user { void *gf_tables; int strength; };

static struct user *bad_create_user(struct device *dev, int strength)
{
	struct user *user;
	void *gf_tables;

	user = devm_kzalloc(dev, sizeof(*user), GFP_KERNEL);
	if (!user)
		return ERR_CAST(NULL);
	gf_tables = get_tables(strength);
	if (IS_ERR(gf_tables)) {
		kfree(user); /* want "kfree\\(user\\) undoes by hand what the devres action of devm_kzalloc\\(\\) at line 40 undoes again .*the device-managed memory is released twice" */
		return ERR_CAST(gf_tables);
	}
	user->gf_tables = gf_tables;
	return user;
}

static struct user *good_create_user(struct device *dev, int strength)
{
	struct user *user;
	void *gf_tables;

	user = devm_kzalloc(dev, sizeof(*user), GFP_KERNEL);
	if (!user)
		return ERR_CAST(NULL);
	gf_tables = get_tables(strength);
	if (IS_ERR(gf_tables)) {
		devm_kfree(dev, user);
		return ERR_CAST(gf_tables);
	}
	user->gf_tables = gf_tables;
	return user;
}

/* tricky good: the same shape with kzalloc(), where kfree() is right */
static struct user *good_create_user_kzalloc(int strength)
{
	struct user *user;
	void *gf_tables;

	user = kzalloc(sizeof(*user), GFP_KERNEL);
	if (!user)
		return ERR_CAST(NULL);
	gf_tables = get_tables(strength);
	if (IS_ERR(gf_tables)) {
		kfree(user);
		return ERR_CAST(gf_tables);
	}
	user->gf_tables = gf_tables;
	return user;
}

struct octeon_mdiobus { struct mii_bus *mii_bus; };

static int bad_mdiobus_probe(struct platform_device *pdev, struct octeon_mdiobus *bus)
{
	int err;

	bus->mii_bus = devm_mdiobus_alloc_size(&pdev->dev, 0);
	if (!bus->mii_bus)
		return -ENOMEM;
	err = mdiobus_register(bus->mii_bus);
	if (err)
		goto fail_register;
	return 0;
fail_register:
	mdiobus_free(bus->mii_bus); /* want "mdiobus_free\\(bus->mii_bus\\) undoes by hand what the devres action of devm_mdiobus_alloc_size\\(\\) at line 93 undoes again" */
	return err;
}

static int good_mdiobus_probe(struct platform_device *pdev, struct octeon_mdiobus *bus)
{
	int err;

	bus->mii_bus = mdiobus_alloc_size(0);
	if (!bus->mii_bus)
		return -ENOMEM;
	err = mdiobus_register(bus->mii_bus);
	if (err)
		goto fail_register;
	return 0;
fail_register:
	mdiobus_free(bus->mii_bus);
	return err;
}

struct acry { struct clk *clk; };

static int bad_acry_probe(struct platform_device *pdev, struct acry *acry_dev)
{
	int rc;

	acry_dev->clk = devm_clk_get_enabled(&pdev->dev, NULL);
	if (IS_ERR(acry_dev->clk))
		return PTR_ERR(acry_dev->clk);
	rc = mdiobus_register(NULL);
	if (rc)
		goto clk_exit;
	return 0;
clk_exit:
	clk_disable_unprepare(acry_dev->clk); /* want "clk_disable_unprepare\\(acry_dev->clk\\) undoes by hand what the devres action of devm_clk_get_enabled\\(\\) at line 127 undoes again .*the clock is released twice" */
	return rc;
}

/* tricky good: devm_clk_get() only puts at unbind; the enable is the driver's */
static int good_acry_probe(struct platform_device *pdev, struct acry *acry_dev)
{
	int rc;

	acry_dev->clk = devm_clk_get(&pdev->dev, NULL);
	if (IS_ERR(acry_dev->clk))
		return PTR_ERR(acry_dev->clk);
	rc = clk_prepare_enable(acry_dev->clk);
	if (rc)
		return rc;
	rc = mdiobus_register(NULL);
	if (rc)
		goto clk_exit;
	return 0;
clk_exit:
	clk_disable_unprepare(acry_dev->clk);
	return rc;
}
