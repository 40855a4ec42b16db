// Saves a file sent from the server (DotNetStreamReference) under the given name.
window.csDownload = async (fileName, streamRef) => {
  const blob = new Blob([await streamRef.arrayBuffer()]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
};
