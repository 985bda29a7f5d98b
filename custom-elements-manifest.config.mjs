export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts', 'src/components/**/pex-*.ts'],
  outdir: '.',
  litelement: true,
};
