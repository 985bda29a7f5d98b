/**
 * Lit's reactive state (`static properties = { x: { state: true } }` on a private field) has no
 * attribute, but the analyzer lists every entry of `static properties` as one: drop the attributes
 * whose field is private or protected, so the manifest (the README reference, Storybook's controls)
 * lists only the public API.
 */
const noStateAttributes = {
  name: 'pex-no-state-attributes',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules ?? []) {
      for (const d of mod.declarations ?? []) {
        const hidden = new Set(
          (d.members ?? [])
            .filter((m) => m.kind === 'field' && (m.privacy === 'private' || m.privacy === 'protected'))
            .map((m) => m.name),
        );
        if (d.attributes) d.attributes = d.attributes.filter((a) => !hidden.has(a.fieldName));
        for (const m of d.members ?? []) if (hidden.has(m.name)) delete m.attribute;
      }
    }
  },
};

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/pex-*.ts'],
  outdir: '.',
  litelement: true,
  plugins: [noStateAttributes],
};
