// remove-leak: a field released by a function that a devm action
// registered in probe calls is released at unbind, even when probe's
// error path calls that function too; without the action registration
// the release runs on the error path only. Reduced from
// drivers/gpu/drm/gma500/psb_drv.c.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/device.h>
#include <linux/pci.h>

struct gx_priv {
	struct device *dev;
	struct pci_dev *aux_pdev;
};

static void gx_unload(struct gx_priv *priv)
{
	pci_dev_put(priv->aux_pdev);
}

static void gx_release(void *data)
{
	struct gx_priv *priv = data;

	gx_unload(priv);
}

int gx_hw_init(struct gx_priv *priv);

static int gx_load(struct gx_priv *priv)
{
	int ret;

	priv->aux_pdev = pci_get_domain_bus_and_slot(0, 0, 0x10);
	ret = gx_hw_init(priv);
	if (ret)
		goto out_err;
	return devm_add_action_or_reset(priv->dev, gx_release, priv);
out_err:
	gx_unload(priv);
	return ret;
}

static int gx_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct gx_priv *priv = devm_kzalloc(&pdev->dev, sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	return gx_load(priv);
}

static void gx_remove(struct pci_dev *pdev)
{
}

static struct pci_driver gx_driver = {
	.probe = gx_probe,
	.remove = gx_remove,
};

/* bad: the unload runs on probe's error path only */
struct hx_priv {
	struct device *dev;
	struct pci_dev *aux_pdev;
};

static void hx_unload(struct hx_priv *hp)
{
	pci_dev_put(hp->aux_pdev);
}

int hx_hw_init(struct hx_priv *hp);

static int hx_probe(struct pci_dev *pdev, const struct pci_device_id *ent)
{
	struct hx_priv *hp = devm_kzalloc(&pdev->dev, sizeof(*hp), GFP_KERNEL);
	int ret;

	if (!hp)
		return -ENOMEM;
	hp->aux_pdev = pci_get_domain_bus_and_slot(0, 0, 0x10); /* want "hp->aux_pdev holds a reference from pci_get_domain_bus_and_slot\\(\\) taken in probe, but hx_remove never calls pci_dev_put\\(\\) on it" */
	ret = hx_hw_init(hp);
	if (ret)
		goto out_err;
	return 0;
out_err:
	hx_unload(hp);
	return ret;
}

static void hx_remove(struct pci_dev *pdev)
{
}

static struct pci_driver hx_driver = {
	.probe = hx_probe,
	.remove = hx_remove,
};
