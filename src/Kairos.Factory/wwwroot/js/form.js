// New build: the form, its conditional fields, live validation, and the submit that opens the build's page.
import { ApiError, call, getJson, token } from './api.js';
import { el } from './format.js';
import { cloudConfigProblem, fipsProblem, imageProblem, kubernetesVersionProblem, outputOffered, versionProblem } from './validate.js';

function field(id, label, control, hint) {
  control.id = id;
  const hintNode = hint !== undefined ? el('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorNode = el('p', { class: 'error', id: `${id}-error`, 'aria-live': 'polite' });
  control.setAttribute('aria-describedby', [hintNode && `${id}-hint`, `${id}-error`].filter(Boolean).join(' '));
  return el('div', { class: 'field', id: `${id}-field` }, el('label', { for: id }, label), control, hintNode, errorNode);
}

function radios(name, legend, options, checked) {
  return el('fieldset', { class: 'field', id: `${name}-group` }, el('legend', {}, legend),
    el('div', { class: 'choices' }, options.map(([value, text]) =>
      el('label', {}, el('input', { type: 'radio', name, value, checked: value === checked }), ' ', text))));
}

function showError(form, id, message) {
  const control = form.querySelector(`#${id}`);
  const error = form.querySelector(`#${id}-error`);
  if (control) control.setAttribute('aria-invalid', message ? 'true' : 'false');
  if (error) error.textContent = message || '';
  return !message;
}

export async function renderNewBuild(main, cloneId) {
  const config = await getJson('/config');
  const rules = config.rules;
  // the outputs' and variants' names for people, and the outputs' groups (GET /config's labels, data/factory.yaml)
  const labels = config.labels;
  const clone = cloneId ? await getJson(`/builds/${encodeURIComponent(cloneId)}`) : null;
  const presetImages = config.presets.map(preset => preset.image);
  const byo = clone ? !presetImages.includes(clone.image) : false;

  const presetSelect = el('select', {}, config.presets.map(preset =>
    el('option', { value: preset.image, selected: preset.image === (clone?.image || config.default_image) }, `${preset.name} (${preset.image})`)));
  const imageInput = el('input', { type: 'text', spellcheck: 'false', value: byo ? clone.image || '' : '', placeholder: rules.image.example });
  const uploadInput = el('input', { type: 'file', accept: '.tar,application/x-tar' });
  const modelSelect = el('select');
  const k8sSelect = el('select', {}, Object.keys(config.kubernetes_versions).map(provider =>
    el('option', { value: provider, selected: provider === clone?.kubernetes_distribution }, provider)));
  const k8sVersion = el('input', { type: 'text', spellcheck: 'false', value: clone?.kubernetes_version || '' });
  const versionInput = el('input', { type: 'text', spellcheck: 'false', required: true, value: clone?.version || '', placeholder: '1.0.0', 'aria-required': 'true' });
  const trusted = el('input', { type: 'checkbox', id: 'trusted-boot', checked: !!clone?.trusted_boot && config.trusted_boot_keys, disabled: !config.trusted_boot_keys, 'aria-describedby': 'trusted-boot-hint' });
  const fips = el('input', { type: 'checkbox', id: 'fips', checked: !!clone?.fips, 'aria-describedby': 'fips-hint' });
  const cloudConfig = el('textarea', { spellcheck: 'false', placeholder: `${rules.cloud_config.header}\nusers:\n  - name: kairos\n    passwd: kairos` });
  const builderSelect = el('select', {}, config.builders.map(builder =>
    el('option', { value: builder, selected: builder === (clone?.builder || config.default_builder) }, builder)));
  const outputBox = name => el('label', { id: `output-${name}` },
    el('input', { type: 'checkbox', name: 'output', value: name, checked: clone ? !!clone.artifacts?.[name] : name === 'iso' }), ' ', el('span', {}, labels.outputs[name] || name));
  const outputs = labels.output_groups.map(group => [group.name, group.outputs.filter(name => config.artifacts.includes(name))])
    .filter(([, names]) => names.length).map(([legend, names]) =>
      el('div', { class: 'output-group' }, el('h3', {}, legend), el('div', { class: 'choices' }, names.map(outputBox))));

  const form = el('form', { id: 'new-build', novalidate: true },
    el('h2', {}, clone ? `New build (clone of ${clone.id.slice(-8)})` : 'New build'),
    clone ? el('p', { class: 'notice', id: 'clone-notice' }, 'Fields are filled from the cloned build. Its cloud-config is not sent back by the server (it may hold secrets): paste it again if you need it.',
      clone.base_upload ? ' It started from an uploaded root tarball: choose that file again below.' : '') : null,
    el('fieldset', {}, el('legend', {}, 'Base image'),
      radios('base', 'Source', [['preset', 'A preset'], ['byo', 'Bring your own image']], byo ? 'byo' : 'preset'),
      el('div', { id: 'presets' }, field('preset', 'Preset', presetSelect, 'Taken from the local image store of the server (it never pulls from a registry).')),
      el('div', { id: 'byo' },
        field('image', 'Image reference', imageInput, 'An image already in the server\'s image store.'),
        field('upload', 'Or upload a root filesystem tarball', uploadInput, 'Sent to the server first; the engine imports it as the base image.'))),
    el('fieldset', {}, el('legend', {}, 'Target'),
      radios('architecture', 'Architecture', config.architectures.map(arch => [arch, arch]), clone?.architecture || config.architectures[0]),
      field('model', 'Model', modelSelect),
      radios('variant', 'Variant', rules.variants.map(variant => [variant, labels.variants[variant] || variant]), clone?.variant || rules.variants[0]),
      el('div', { id: 'kubernetes' },
        field('k8s-distribution', 'Kubernetes distribution', k8sSelect),
        field('k8s-version', 'Kubernetes version', k8sVersion, ''))),
    el('fieldset', {}, el('legend', {}, 'Kairos'),
      field('version', 'Kairos version (required)', versionInput, `Semantic version stamped into /etc/kairos-release, e.g. ${rules.version.example}.`),
      el('div', { class: 'field' }, el('label', {}, trusted, ' Trusted Boot (UKI)'),
        el('p', { class: 'hint', id: 'trusted-boot-hint' }, config.trusted_boot_keys
          ? 'Signed UKIs with this server\'s Secure Boot keys: UEFI only, the keys are enrolled on first boot (the firmware in setup mode). Disks and netboot are not made from a Trusted Boot image.'
          : 'This server has no Secure Boot keys (its operator starts it with kairos-factory serve --uki-keys DIR).'),
        el('p', { class: 'error', id: 'trusted-boot-error', 'aria-live': 'polite' })),
      el('div', { class: 'field' }, el('label', {}, fips, ' FIPS'),
        el('p', { class: 'hint', id: 'fips-hint' })),
      field('cloud-config', 'Cloud-config (optional)', cloudConfig, `YAML starting with ${rules.cloud_config.header}; embedded in the ISO as /config.yaml. Checked as you type.`)),
    el('fieldset', { id: 'outputs', 'aria-describedby': 'outputs-error' }, el('legend', {}, 'Outputs to build'),
      outputs, el('p', { class: 'error', id: 'outputs-error', 'aria-live': 'polite' })),
    el('details', {}, el('summary', {}, 'Advanced'), field('builder', 'Builder', builderSelect, `The engines this server builds with (default: ${config.default_builder}). podman: its shared store, layers cached across builds; docker: BuildKit, through dockerd or the server's buildx builder.`)),
    el('p', { class: 'error', id: 'form-error', role: 'alert' }),
    el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'submit' }, 'Start build')));

  const value = name => form.querySelector(`input[name=${name}]:checked`)?.value;
  // a Kubernetes provider and version go with one variant (GET /config's rules.kubernetes_variant)
  const withKubernetes = () => value('variant') === rules.kubernetes_variant;

  function syncBase() {
    const own = value('base') === 'byo';
    form.querySelector('#presets').hidden = own;
    form.querySelector('#byo').hidden = !own;
  }

  function syncModels(previous) {
    const models = config.models[value('architecture')] || [rules.default_model];
    const wanted = previous ?? modelSelect.value;
    modelSelect.replaceChildren(...models.map(model => el('option', { value: model }, model)));
    modelSelect.value = models.includes(wanted) ? wanted : rules.default_model;
    const hint = form.querySelector('#model-error');
    hint.textContent = wanted && !models.includes(wanted) ? `${wanted} is not built for ${value('architecture')}: switched to ${rules.default_model}.` : '';
  }

  function syncKubernetes() {
    form.querySelector('#kubernetes').hidden = !withKubernetes();
    if (!withKubernetes()) showError(form, 'k8s-version', null);
    else if (k8sVersion.value) checkKubernetesVersion();
    const pinned = config.kubernetes_versions[k8sSelect.value];
    k8sVersion.placeholder = pinned;
    form.querySelector('#k8s-version-hint').textContent = `Empty: the pinned default, ${k8sSelect.value} ${pinned}.`;
  }

  // the server refuses FIPS for some bases and architectures (GET /config lists them): say so before a submit
  function fipsImage() {
    if (value('base') !== 'byo') return presetSelect.value;
    return uploadInput.files.length ? null : imageInput.value.trim();
  }
  function syncFips() {
    const problem = fipsProblem(config.fips, fipsImage(), value('architecture'));
    if (problem) fips.checked = false;
    fips.disabled = !!problem;
    form.querySelector('#fips-hint').textContent = problem || (value('base') === 'byo' && uploadInput.files.length
      ? 'FIPS builds of the Kairos binaries and dracut\'s fips module; the base brings its own FIPS crypto. An uploaded root is checked when the build reads its os-release.'
      : 'FIPS builds of the Kairos binaries and dracut\'s fips module; the base brings its own FIPS crypto.');
  }

  const checkVersion = () => showError(form, 'version', versionProblem(versionInput.value, rules));
  const checkCloudConfig = () => showError(form, 'cloud-config', cloudConfigProblem(cloudConfig.value, rules));
  const checkImage = () => value('base') !== 'byo' || uploadInput.files.length > 0 || showError(form, 'image', imageProblem(imageInput.value, rules));
  const checkKubernetesVersion = () => !withKubernetes() || showError(form, 'k8s-version', kubernetesVersionProblem(k8sVersion.value, k8sSelect.value, rules));
  // a Trusted Boot image makes the UKI media; any other the live ISO, disks and netboot; a Pi model's the Pi disk
  // and the archives: the rest is unticked and disabled
  function syncTrusted() {
    for (const name of config.artifacts) {
      const box = form.querySelector(`input[name=output][value=${name}]`);
      const offered = outputOffered(rules, name, trusted.checked, modelSelect.value);
      if (!offered) box.checked = false;
      box.disabled = !offered;
    }
    const iso = form.querySelector('#output-iso span');
    if (iso) iso.textContent = labels.outputs[trusted.checked ? 'uki-iso' : 'iso'];
  }

  const checkOutputs = () => {
    const none = !form.querySelector('input[name=output]:checked');
    form.querySelector('#outputs-error').textContent = none ? 'Choose at least one output.' : '';
    return !none;
  };

  form.addEventListener('change', event => {
    if (event.target.name === 'base') syncBase();
    if (event.target.name === 'architecture') { syncModels(); syncTrusted(); checkOutputs(); }
    if (event.target === modelSelect) { syncTrusted(); checkOutputs(); }
    if (['base', 'architecture'].includes(event.target.name) || event.target === presetSelect || event.target === uploadInput) syncFips();
    if (event.target.name === 'variant' || event.target === k8sSelect) syncKubernetes();
    if (event.target.name === 'output') checkOutputs();
    if (event.target === trusted) { syncTrusted(); checkOutputs(); }
  });
  versionInput.addEventListener('input', checkVersion);
  k8sVersion.addEventListener('input', checkKubernetesVersion);
  cloudConfig.addEventListener('input', checkCloudConfig);
  imageInput.addEventListener('input', () => { showError(form, 'image', null); if (imageInput.value) checkImage(); syncFips(); });

  form.addEventListener('submit', async event => {
    event.preventDefault();
    form.querySelector('#form-error').textContent = '';
    const checks = [checkVersion(), checkKubernetesVersion(), checkCloudConfig(), checkImage(), checkOutputs()];
    if (checks.includes(false)) {
      form.querySelector('[aria-invalid=true]')?.focus();
      return;
    }
    if (!token.get()) {
      form.querySelector('#form-error').textContent = 'Enter the API token at the top of the page first: starting a build needs it.';
      document.querySelector('#token-input').focus();
      return;
    }
    const submit = form.querySelector('#submit');
    submit.disabled = true;
    try {
      const request = await requestFrom();
      const created = await call('POST', '/builds', request);
      location.hash = `#/builds/${created.id}`;
    } catch (error) {
      submit.disabled = false;
      showProblem(error);
    }
  });

  async function requestFrom() {
    const request = {
      version: versionInput.value.trim(),
      architecture: value('architecture'),
      model: modelSelect.value,
      variant: value('variant'),
      trusted_boot: trusted.checked,
      builder: builderSelect.value,
      artifacts: Object.fromEntries(config.artifacts.map(name => [name, !!form.querySelector(`input[name=output][value=${name}]`).checked])),
    };
    if (value('base') === 'byo' && uploadInput.files.length) request.base_upload = await upload(uploadInput.files[0]);
    else request.image = value('base') === 'byo' ? imageInput.value.trim() : presetSelect.value;
    if (request.variant === rules.kubernetes_variant) {
      request.kubernetes_distribution = k8sSelect.value;
      if (k8sVersion.value.trim()) request.kubernetes_version = k8sVersion.value.trim();
    }
    if (fips.checked) request.fips = true;
    if (cloudConfig.value.trim()) request.cloud_config = cloudConfig.value;
    return request;
  }

  async function upload(file) {
    const response = await fetch('/api/v1/uploads', { method: 'POST', headers: { Authorization: `Bearer ${token.get()}`, 'Content-Type': 'application/x-tar' }, body: file });
    const data = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, data?.errors ? { ...data, errors: { upload: Object.values(data.errors).flat() } } : data);
    return data.id;
  }

  const FIELD_IDS = { image: 'image', base_upload: 'upload', version: 'version', model: 'model', kubernetes_version: 'k8s-version', kubernetes_distribution: 'k8s-distribution', fips: 'fips', trusted_boot: 'trusted-boot', cloud_config: 'cloud-config', builder: 'builder', upload: 'upload' };
  function showProblem(error) {
    const unplaced = [];
    for (const [name, messages] of Object.entries(error.errors || {})) {
      const id = FIELD_IDS[name];
      if (id && form.querySelector(`#${id}`)) showError(form, id, messages.join('\n'));
      else unplaced.push(`${name}: ${messages.join('; ')}`);
    }
    form.querySelector('#form-error').textContent = unplaced.length ? unplaced.join('\n') : (Object.keys(error.errors || {}).length ? 'Fix the fields marked above.' : error.message);
  }

  syncBase();
  syncModels(clone?.model);
  syncKubernetes();
  syncFips();
  syncTrusted();
  main.replaceChildren(form);
}
