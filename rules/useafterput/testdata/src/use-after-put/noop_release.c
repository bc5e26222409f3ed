// use-after-put of an object whose struct device release frees nothing:
// a power-domain provider's genpd and an ac97 codec embed a struct device
// whose release callback is empty; the object is freed by its owner by
// other means, so reading it after put_device() is fine (pmdomain/core.c
// genpd_alloc_data(), ac97_codec.c snd_ac97_dev_register()). The bad twin
// sets a release that frees the object.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/device.h>

struct acme_domain {
	struct device dev;
	void *states;
	int id;
};

struct acme_codec {
	struct device dev;
	void *bus;
};

/* frees nothing: the domain is its provider's memory */
static void acme_domain_release(struct device *dev)
{
}

static void acme_codec_release(struct device *dev)
{
	kfree(container_of(dev, struct acme_codec, dev));
}

int acme_domain_init(struct acme_domain *d)
{
	device_initialize(&d->dev);
	d->dev.release = acme_domain_release;
	return 0;
}

void acme_domain_fail(struct acme_domain *d)
{
	put_device(&d->dev);
	kfree(d->states);
	d->id = -1;
}

int acme_codec_register(struct acme_codec *c)
{
	int err;

	c->dev.release = acme_codec_release;
	err = device_register(&c->dev);
	if (err < 0) {
		put_device(&c->dev);
		kfree(c->bus); /* want "'c' is dereferenced after put_device\\(&c->dev\\) at line 53" */
		return err;
	}
	return 0;
}

void acme_codec_drop(struct acme_codec *c)
{
	put_device(&c->dev);
	kfree(c->bus); /* want "'c' is dereferenced after put_device\\(&c->dev\\) at line 62" */
}
