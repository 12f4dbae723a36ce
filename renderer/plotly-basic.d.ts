// plotly.js-basic-dist-min (scatter, bar and pie: every trace the app draws) ships no declarations; its API is the
// full bundle's, whose declarations plotly.js-dist-min ships.
declare module 'plotly.js-basic-dist-min' {
  export * from 'plotly.js-dist-min';
}
