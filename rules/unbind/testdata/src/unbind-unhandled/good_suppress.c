// unbind-unhandled: sysfs unbind forbidden: no findings expected.
#include "../../../../testdata/include/provider-kdecls.h"

struct acme_pcs_priv {
	struct phylink_pcs pcs;
};

static int acme_pcs_probe(struct platform_device *pdev)
{
	struct acme_pcs_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->pcs.dev = &pdev->dev;
	return pcs_register(&priv->pcs);
}

static struct platform_driver acme_pcs_driver = {
	.probe = acme_pcs_probe,
	.driver = {
		.name = "acme-pcs",
		.suppress_bind_attrs = true,
	},
};
