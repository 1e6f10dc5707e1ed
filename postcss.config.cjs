// Mantine's CSS helpers (rem(), light-dark(), breakpoints) for the renderer's styles.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
}
