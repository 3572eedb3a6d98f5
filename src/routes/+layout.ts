// The app is a client-rendered shell: the data lives on the device, which the server cannot read.
export const ssr = false;
export const prerender = false;
